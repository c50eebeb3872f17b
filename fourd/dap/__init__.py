"""``fourd dap``: a Debug Adapter Protocol server for 4D code run by fourd.

:mod:`.protocol` frames DAP messages, :mod:`.debugger` follows 4D frames
(breakpoints, steps, variables), :mod:`.server` answers a client's
requests over stdio or a loopback socket.
"""
