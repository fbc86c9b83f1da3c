#!/bin/bash
# Starts a single-node Slurm cluster on localhost with all state under one folder (default
# .slurm-ci); prints the `export SLURM_CONF=…` line. Verified recipe: shared/slurm-notes.md.
set -euo pipefail
B=$(realpath -m "${1:-.slurm-ci}")
mkdir -p "$B"/{munge,ctld,d,log,run}
chmod 0755 "$B/munge"   # munged requires o+x on the socket dir
[ -f "$B/munge/munge.key" ] || mungekey -c -k "$B/munge/munge.key"
chmod 0600 "$B/munge/munge.key"
munged -S "$B/munge/munge.sock" --key-file="$B/munge/munge.key" \
  --pid-file="$B/run/munged.pid" --log-file="$B/log/munged.log" --seed-file="$B/munge/seed"
cat > "$B/slurm.conf" <<CONF
ClusterName=ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$B/munge/munge.sock
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$B/ctld
SlurmdSpoolDir=$B/d
SlurmctldPidFile=$B/run/slurmctld.pid
SlurmdPidFile=$B/run/slurmd.pid
SlurmctldLogFile=$B/log/slurmctld.log
SlurmdLogFile=$B/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$B/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N localhost
for i in $(seq 1 300); do
  [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && { echo "export SLURM_CONF=$SLURM_CONF"; exit 0; }
  sleep 0.1
done
tail -n 20 "$B"/log/*.log >&2; exit 1
