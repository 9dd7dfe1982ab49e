#!/usr/bin/env python3
"""How a request's time splits between running and waiting for a core, under a closed loop of CLIENTS keep-alive
clients sending GET PATH for SECONDS to a running OfferDesk (RequestCost --hold prints its URL, process and token):
for OfferDesk's own request threads (found in `jcmd <pid> Thread.print` by their port), its whole JVM and its
PostgreSQL's backends (the children of the postmaster listening on PG_PORT), from /proc/<pid>/task/<tid>/schedstat
(ns on a CPU, ns runnable on a run queue, timeslices) and /status (voluntary and involuntary context switches),
divided by the requests; the clients' p50/p99 beside them. The clients are Python threads: read the server's
figures, not the latencies, and run it on a quiet machine for the P3 tail.

usage: sched-wait.py URL PID TOKEN PATH CLIENTS SECONDS PG_PORT"""
import sys, os, re, subprocess, threading, http.client, time, urllib.parse, statistics
url, pid, token, path, clients, secs, pgport = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
u = urllib.parse.urlparse(url)
prefix = f'http-nio-{u.hostname}-{u.port}-exec-'
dump = subprocess.run(['jcmd', str(pid), 'Thread.print'], capture_output=True, text=True).stdout
tids = [int(n, 16) for name, n in re.findall(r'^"([^"]+)".* nid=(0x[0-9a-f]+)', dump, re.M) if name.startswith(prefix)]
def pg_pids():
    out = subprocess.run(['ps', '-eo', 'pid,ppid,args'], capture_output=True, text=True).stdout.splitlines()
    master = [l.split()[0] for l in out if f'-p {pgport} ' in l and 'postgres' in l and 'postgres:' not in l]
    return [int(l.split()[0]) for l in out if l.split()[1] in master]
def sched(paths):
    tot = [0, 0, 0]
    for p in paths:
        try:
            v = open(p).read().split()
            for i in range(3): tot[i] += int(v[i])
        except OSError: pass
    return tot
def ctx(paths):
    v = [0, 0]
    for p in paths:
        try:
            for l in open(p.replace('schedstat', 'status')):
                if l.startswith('voluntary_ctxt_switches'): v[0] += int(l.split()[1])
                if l.startswith('nonvoluntary_ctxt_switches'): v[1] += int(l.split()[1])
        except OSError: pass
    return v
def app_paths(): return [f'/proc/{pid}/task/{t}/schedstat' for t in tids]
def all_app(): return [f'/proc/{pid}/task/{t}/schedstat' for t in os.listdir(f'/proc/{pid}/task')]
lat = []; stop = time.time() + secs; lock = threading.Lock()
def worker():
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    while time.time() < stop:
        t = time.perf_counter(); c.request('GET', path, headers={'Authorization': 'Bearer ' + token}); r = c.getresponse(); r.read()
        d = time.perf_counter() - t
        with lock: lat.append(d)
pgs = [f'/proc/{p}/schedstat' for p in pg_pids()]
a0, j0, g0 = sched(app_paths()), sched(all_app()), sched(pgs); c0 = ctx(app_paths())
ts = [threading.Thread(target=worker) for _ in range(clients)]; [t.start() for t in ts]; [t.join() for t in ts]
a1, j1, g1 = sched(app_paths()), sched(all_app()), sched(pgs); c1 = ctx(app_paths())
n = len(lat); lat.sort()
print(f'{n} requests in {secs:.0f} s ({n/secs:.0f}/s), {clients} clients; p50 {1000*lat[n//2]:.1f} ms, p99 {1000*lat[int(n*0.99)]:.1f} ms, max {1000*lat[-1]:.1f} ms; load {open("/proc/loadavg").read().split()[0]}')
for name, x0, x1 in (('request threads', a0, a1), ('whole JVM', j0, j1), ('PostgreSQL backends', g0, g1)):
    run, wait, sl = (x1[i] - x0[i] for i in range(3))
    print(f'{name:20s}: on CPU {run/1e6/n:.3f} ms a request, waiting runnable {wait/1e6/n:.3f} ms a request, {sl/n:.1f} timeslices a request, wait per slice {wait/1e3/max(sl,1):.0f} us')
print(f'request threads: {(c1[0]-c0[0])/n:.1f} voluntary and {(c1[1]-c0[1])/n:.1f} involuntary context switches a request')
