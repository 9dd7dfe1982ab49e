-- A running job's claim has been its owner's heartbeat since V14 (job_worker; a job whose owner is silent is taken
-- over through job_running_by_owner): every write of a job sets lease_until to NULL and nothing reads it, so V2's
-- index of running jobs by lease serves no query. It still took an entry at every claim (a publish makes three to
-- five jobs, each claimed once or more: a change set's looks are claims too), every one with the same NULL key, so
-- concurrent claims all inserted on the index's last leaf page, and each entry died at the job's next write.
DROP INDEX job_running_by_lease;
