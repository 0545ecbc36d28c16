# Varnish in front of the gunicorn servers (README, "CDN en Varnish").
#
# - Caches what the site marks `Cache-Control: public, s-maxage=…` (anonymous GETs);
#   never a request with a session cookie or an Authorization header, never /admin/.
# - PURGE <path> from an address in `purgers` (the site sends one per URL after each
#   change, core/cache/purge.py, FRONTEND_CACHE_URL=http://<this varnish>) forgets that
#   path with every query string: /cooperaties/ also drops /cooperaties/?provincie=Utrecht.
#   A PURGE of "/" drops only the home page (and its query strings).
#
# Test it: varnishd -C -f deploy/varnish.vcl  (bench/cluster.py starts one on loopback).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # The path, with or without a query string (on any host: the site's purge names
        # its canonical host, visitors may have used another).
        ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|documents)/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous: other cookies (csrftoken, analytics) don't change the page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # For bans by path (lurker-friendly: only obj.* in the ban expression).
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
