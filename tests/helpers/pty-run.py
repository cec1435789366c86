#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal, the way an interactive shell runs a foreground job.

usage: pty-run.py COLS ROWS -- COMMAND [ARG...]

This process plays the shell: it becomes the session leader of a new pty (TIOCSCTTY) whose window
size is COLS x ROWS (TIOCSWINSZ, set before the command starts), starts COMMAND in a process group
of its own and makes that group the terminal's foreground group (tcsetpgrp), as job control does.
So a 0x03 byte written to the terminal makes the kernel's line discipline send SIGINT to the whole
foreground group, exactly as when a person presses Ctrl-C.

Bytes on our stdin go to the terminal (the keyboard); the terminal's output is copied to our stdout
(the screen). Events go to stderr as JSON lines:
  {"event": "start", "pid": P}                  P is also the foreground process group id
  {"event": "exit", "code": C, "signal": S}     when COMMAND exits (C or S is null)
After "exit" the session stays open (nothing sends SIGHUP to the group) so the caller can look for
processes left in the group; closing our stdin ends it, and anything left in the group is killed.
"""
import errno
import fcntl
import json
import os
import select
import signal
import struct
import sys
import termios


def emit(**event):
    os.write(2, (json.dumps(event) + "\n").encode())


def start_job(slave, argv):
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        os.tcsetpgrp(slave, os.getpid())
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        for sig in (signal.SIGINT, signal.SIGTTOU, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    # Both sides set the group, so it is the foreground one whichever runs first.
    try:
        os.setpgid(pid, pid)
        os.tcsetpgrp(slave, pid)
    except OSError:
        pass
    return pid


def copy_out(master):
    """Copies whatever the terminal has to our stdout; False once the terminal is gone."""
    try:
        data = os.read(master, 65536)
    except OSError as error:
        if error.errno == errno.EIO:
            return False
        raise
    if not data:
        return False
    os.write(1, data)
    return True


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    argv = sys.argv[sys.argv.index("--") + 1:]
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # the shell may change the foreground group
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a stray SIGINT from the caller's group
    if os.getpgrp() == os.getpid():  # a group leader cannot start a session: let a child do it
        child = os.fork()
        if child:
            os._exit(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) & 0xFF)
    os.setsid()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    pid = start_job(slave, argv)
    emit(event="start", pid=pid)

    status = None
    stdin_open = True
    while True:
        if status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                # The job's last bytes may still be on their way through the line discipline.
                while select.select([master], [], [], 0.2)[0] and copy_out(master):
                    pass
                status = raw
                code = os.WEXITSTATUS(raw) if os.WIFEXITED(raw) else None
                sig = signal.Signals(os.WTERMSIG(raw)).name if os.WIFSIGNALED(raw) else None
                emit(event="exit", code=code, signal=sig)
        readable = select.select([master] + ([0] if stdin_open else []), [], [], 0.05)[0]
        if master in readable:
            copy_out(master)
        if 0 in readable:
            data = os.read(0, 4096)
            if data:
                os.write(master, data)
            else:
                stdin_open = False
                if status is None:  # the caller gave up on the job
                    os.killpg(pid, signal.SIGKILL)
        if not stdin_open and status is not None:
            break
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        while True:
            os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        pass


if __name__ == "__main__":
    main()
