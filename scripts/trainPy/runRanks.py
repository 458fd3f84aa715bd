"""Test driver: runs pytorch/train.py's main() as torchrun would (RANK, WORLD_SIZE, MASTER_ADDR and
MASTER_PORT in each process's environment), for several runs in a row, importing torch once: each rank
is a fork of this process. Importing torch takes seconds, which the tests would pay per process.

    python3 runRanks.py <pytorch dir> '[{"world": 2, "args": ["--data", ...]}, ...]'
"""

import json
import os
import socket
import sys


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(train, world, args):
    port = str(free_port())
    children = []
    for rank in range(world):
        pid = os.fork()
        if pid == 0:
            os.environ.update(RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(world),
                              LOCAL_WORLD_SIZE=str(world), MASTER_ADDR="127.0.0.1", MASTER_PORT=port)
            code = 0
            try:
                train.main(args)
            except BaseException as error:  # noqa: BLE001 - the exit code carries it to the parent
                print(f"rank {rank}: {error!r}", file=sys.stderr, flush=True)
                code = 1
            sys.stdout.flush()
            os._exit(code)
        children.append(pid)
    return all(os.waitpid(pid, 0)[1] == 0 for pid in children)


def main():
    folder, runs = sys.argv[1], json.loads(sys.argv[2])
    sys.path.insert(0, folder)
    os.chdir(folder)
    import train

    for spec in runs:
        if not run(train, spec["world"], spec["args"]):
            sys.exit(f"run failed: {spec}")


if __name__ == "__main__":
    main()
