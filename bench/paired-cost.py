#!/usr/bin/env python3
"""Paired CPU per request of two running OfferDesks (an old build A, a new build B): alternating stretches of N
requests from C keep-alive clients, A then B, B then A, ...; per stretch the CPU of the app's own request threads
(from `jcmd <pid> Thread.print`, whose names carry the port, so the embedded sandbox's are not counted) and of the
whole JVM (/proc), divided by N; then B/A per round. Start each OfferDesk with RequestCost's --hold (it prints the
URL, process and API token), e.g.

  java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.offerdesk.bench.RequestCost --root OLD \
      --sellers 10 --offers 10000 --requests 1500 --rounds 1 --hold 3600 --only "P1 look"   # and --root .
  bench/paired-cost.py 10 2000 4 "/api/v1/offers/<id on A>|/api/v1/offers/<id on B>" A_URL A_PID A_TOKEN \
      B_URL B_PID B_TOKEN [POST '<json body>']

usage: paired-cost.py ROUNDS N CLIENTS PATH[|PATH_ON_B] A_URL A_PID A_TOKEN B_URL B_PID B_TOKEN [METHOD BODY]"""
import sys, re, subprocess, threading, http.client, time, urllib.parse, statistics, json
rounds, n, clients, paths = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split('|')
sides = {'A': (sys.argv[5], int(sys.argv[6]), sys.argv[7]), 'B': (sys.argv[8], int(sys.argv[9]), sys.argv[10])}
method = sys.argv[11] if len(sys.argv) > 11 else 'GET'
body = sys.argv[12] if len(sys.argv) > 12 else None
TH = re.compile(r'^"([^"]+)".* cpu=([0-9.]+)ms', re.M)
def req_cpu(url, pid):
    u = urllib.parse.urlparse(url)
    prefix = f'http-nio-{u.hostname}-{u.port}-exec-'
    out = subprocess.run(['jcmd', str(pid), 'Thread.print'], capture_output=True, text=True).stdout
    return sum(float(c) for name, c in TH.findall(out) if name.startswith(prefix))
def proc_cpu(pid):
    f = open(f'/proc/{pid}/stat').read(); f = f[f.rindex(')') + 2:].split(' ')
    return (int(f[11]) + int(f[12])) * 10.0
def run(url, token, path):
    u = urllib.parse.urlparse(url); left = [n]; lock = threading.Lock(); errors = [0]
    def worker():
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        while True:
            with lock:
                if left[0] <= 0: break
                left[0] -= 1
            h = {'Authorization': 'Bearer ' + token}
            if body: h['Content-Type'] = 'application/json'
            c.request(method, path, body=body, headers=h); r = c.getresponse(); r.read()
            if r.status // 100 != 2: errors[0] += 1
    ts = [threading.Thread(target=worker) for _ in range(clients)]
    [t.start() for t in ts]; [t.join() for t in ts]
    return errors[0]
res = {'A': [], 'B': []}
for r in range(rounds):
    for s in (('A', 'B') if r % 2 == 0 else ('B', 'A')):
        url, pid, token = sides[s]
        t0, p0 = req_cpu(url, pid), proc_cpu(pid)
        w = time.time(); e = run(url, token, paths[0] if s == 'A' or len(paths) == 1 else paths[1]); w = time.time() - w
        t1, p1 = req_cpu(url, pid), proc_cpu(pid)
        res[s].append(((t1 - t0) / n, (p1 - p0) / n))
        print(f'round {r+1} {s}: request threads {(t1-t0)/n:.3f} ms, JVM {(p1-p0)/n:.3f} ms a request, {n/w:.0f} req/s, errors {e}, load {open("/proc/loadavg").read().split()[0]}', flush=True)
for s in 'AB':
    print(s, 'median request threads %.3f ms, JVM %.3f ms' % (statistics.median(x[0] for x in res[s]), statistics.median(x[1] for x in res[s])))
print('B/A request threads, per round:', ' '.join('%.2f' % (b[0] / a[0]) for a, b in zip(res['A'], res['B'])))
print('B/A median of ratios %.3f' % statistics.median(b[0] / a[0] for a, b in zip(res['A'], res['B'])))
