from django.urls import path

from home import views

urlpatterns = [
    path("deelkaart/<int:page_id>-<str:digest>.png", views.social_card, name="social_card"),
    path("apple-touch-icon.png", views.touch_icon, {"size": 180}, name="apple_touch_icon"),
    path("icon-<int:size>.png", views.touch_icon, name="touch_icon"),
    path("site.webmanifest", views.web_manifest, name="web_manifest"),
]
