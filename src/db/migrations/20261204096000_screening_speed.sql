-- At most one screening run is running at a time, also across servers sharing one database: a second
-- start finds this index taken and is refused. A run whose process died is marked failed by the next
-- start that finds nobody holding the run's lock.
CREATE UNIQUE INDEX screening_runs_one_running ON screening_runs ((true)) WHERE status = 'running';
