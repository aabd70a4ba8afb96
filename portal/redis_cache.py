"""Django's Redis cache, minus a client object built for every call.

Django's RedisCacheClient.get_client() returns ``redis.Redis(connection_pool=pool)`` on every
cache operation; building one fills a table of ~170 response callbacks, which costs more than
the round trip to Redis on loopback (~0.14 ms, several times per page). A Redis client over a
connection pool is safe to share between threads (each command borrows a connection), so one
per pool is kept. Everything else, the pools included, is Django's.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
