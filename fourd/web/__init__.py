"""fourd's web server: ``4D.WebServer``, HTTP request handlers, the
``On Web Connection`` database method and ``4D.WebSocketServer``, on aiohttp."""
