"""4D.HTTPAgent (API/HTTPAgentClass.md): a pool of connections whose options
are merged into the requests using it."""
from http_peers import lines, run_4d




SEQUENTIAL = """
var $agent:=4D.HTTPAgent.new($options)
var $i : Integer
For ($i; 1; 3)
  4D.HTTPRequest.new($1; {agent: $agent}).wait()
End for
ALERT(String($agent.requestsCount)+" "+String($agent.freeSocketsCount))
"""


def test_keep_alive_reuses_one_connection(fresh_peer, tmp_path):
    out = lines(run_4d(tmp_path, "var $options:={}\n" + SEQUENTIAL, fresh_peer.url("/json")))
    assert out == ["0 1"]
    assert len(fresh_peer.connections) == 1


def test_without_keep_alive_each_request_connects(fresh_peer, tmp_path):
    out = lines(run_4d(tmp_path, "var $options:={keepAlive: False}\n" + SEQUENTIAL, fresh_peer.url("/json")))
    assert out == ["0 0"]
    assert len(fresh_peer.connections) == 3


def test_max_sockets_limits_concurrent_requests(fresh_peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $agent:=4D.HTTPAgent.new({maxSockets: 2})
var $requests:=[]
var $i : Integer
For ($i; 1; 6)
  $requests.push(4D.HTTPRequest.new($1; {agent: $agent}))
End for
ALERT(String($agent.requestsCount))
var $done:=0
For each ($request; $requests)
  $request.wait()
  $done:=$done+Num($request.terminated)
End for each
ALERT(String($done)+" "+String($agent.requestsCount))
""", fresh_peer.url("/concurrent")))
    assert out == ["6", "6 0"]
    assert fresh_peer.most_active == 2


def test_params_and_merged_options(fresh_peer, tmp_path):
    out = lines(run_4d(tmp_path, """
var $agent:=4D.HTTPAgent.new({maxSockets: 5; maxTotalSockets: 10; timeout: 2; protocol: "HTTP1"})
ALERT(JSON Stringify($agent.params))
var $r:=4D.HTTPRequest.new($1; {agent: $agent}).wait()
ALERT(String($r.agent=$agent)+" "+$r.protocol)
ALERT(String(Try(4D.HTTPAgent.new({minTLSVersion: "TLSv9"}))=Null))
ALERT(String(Try(4D.HTTPRequest.new($1; {agent: {}}))=Null))
""", fresh_peer.url("/json")))
    assert out == ['{"keepAlive":true,"maxSockets":5,"maxTotalSockets":10,"timeout":2,"protocol":"HTTP1"}',
                   "True HTTP1", "True", "True"]


def test_agent_is_shared_between_processes(fresh_peer, tmp_path):
    """HTTPAgentClass.md: "a shareable object" -- kept in Storage, used by a worker."""
    out = lines(run_4d(tmp_path, """
Use (Storage)
  Storage.agent:=4D.HTTPAgent.new({maxSockets: 1})
End use
CALL WORKER("w"; Formula(ALERT(4D.HTTPRequest.new($1; {agent: Storage.agent}).wait().response.body.hello)); $1)
""", fresh_peer.url("/json")))
    assert out == ["world"]
