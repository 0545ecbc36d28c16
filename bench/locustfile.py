"""One URL, as many requests as the users can send (no think time)."""

import os

from locust import FastHttpUser, constant, task

PATH = os.environ["BENCH_PATH"]


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def get(self):
        with self.client.get(PATH, name=PATH, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
