# -*- coding: utf-8 -*-
"""blumeops_events: a stdout callback that prints one compact JSON object per line.

Every object carries "blumeops": 1 so the reader can tell them from stray output
(ansible prints `No config file found; using defaults` to stdout with -v).
Loaded by blumeops with ANSIBLE_CALLBACK_PLUGINS=<this dir> ANSIBLE_STDOUT_CALLBACK=blumeops_events.
"""
from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import sys
from collections.abc import Mapping

from ansible import constants as C
from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
    name: blumeops_events
    type: stdout
    short_description: JSON lines for blumeops
    description: One JSON object per event on stdout, read by the blumeops ansible layer.
'''

TAIL_LINES = 20
TAIL_CHARS = 2000

# ansible-core 2.19 puts this placeholder in `exception` of every failed result without a traceback,
# and starts unreachable messages with "Task failed: "; 2.14 has neither. Both are dropped so a
# failure reads the same on every version.
NO_TRACEBACK = '(traceback unavailable)'
TASK_FAILED = 'Task failed: '


def _tail(text):
    if not text:
        return None
    if not isinstance(text, str):
        text = str(text)
    text = '\n'.join(text.rstrip('\n').splitlines()[-TAIL_LINES:])
    return text[-TAIL_CHARS:]


def _is_check_mode_skip(res, check_mode):
    """A skip because check mode cannot run the task, not a `when:` or `creates:` skip.

    Seen in 2.14: 'Command would have run if not in check mode' (command/shell), 'check mode is not
    supported for this task.' (action plugins), 'Check mode is not supported for this task.' (script),
    'check mode not (yet) supported for this module' (fetch), and raw, which skips with no message at
    all. A `when: false` skip carries skip_reason, an empty loop skipped_reason. The callback receives
    a cleaned copy of the result without its 'skipped' key, so the message is what tells.
    """
    msg = res.get('msg')
    if isinstance(msg, str) and msg:
        return 'check mode' in msg.lower()
    return check_mode and not res.get('skip_reason') and not res.get('skipped_reason')


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'blumeops_events'

    def __init__(self):
        super(CallbackModule, self).__init__()
        self._check_mode = False
        self._play = None

    def _emit(self, event, fields):
        line = {'blumeops': 1, 'event': event}
        line.update(fields)
        # Write directly: one line, one flush, no colour or wrapping logic in the way.
        sys.stdout.write(json.dumps(line, default=str, separators=(',', ':'), ensure_ascii=False) + '\n')
        sys.stdout.flush()

    # --- playbook / play / task -------------------------------------------------------------
    def v2_playbook_on_start(self, playbook):
        self._emit('playbook_start', {'playbook': playbook._file_name})

    def v2_playbook_on_play_start(self, play):
        self._check_mode = bool(play.check_mode)
        self._play = play.get_name()
        self._emit('play_start', {'name': play.get_name(), 'check_mode': self._check_mode})

    def _task_start(self, task, handler):
        fields = {'task': task.get_name(), 'action': task.action, 'uuid': task._uuid}
        if handler:
            fields['handler'] = True
        self._emit('task_start', fields)

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._task_start(task, False)

    def v2_playbook_on_handler_task_start(self, task):
        self._task_start(task, True)

    def v2_playbook_on_no_hosts_matched(self):
        self._emit('no_hosts_matched', {'play': self._play})

    def v2_playbook_on_no_hosts_remaining(self):
        self._emit('no_hosts_remaining', {'play': self._play})

    # --- per-host results -------------------------------------------------------------------
    def _result_fields(self, result, status):
        task = result._task
        res = result._result
        fields = {
            'status': status,
            'host': result._host.get_name(),
            'task': task.get_name(),
            'action': task.action,
            'uuid': task._uuid,
            'changed': bool(res.get('changed', False)),
        }
        msg = res.get('msg')
        if msg:
            msg = msg if isinstance(msg, str) else str(msg)
            if status == 'unreachable' and msg.startswith(TASK_FAILED):
                msg = msg[len(TASK_FAILED):]
            fields['msg'] = msg[:TAIL_CHARS]
        if status == 'failed' or status == 'unreachable':
            if res.get('rc') is not None:
                fields['rc'] = res.get('rc')
            for key in ('stderr', 'stdout', 'module_stderr', 'exception'):
                tail = _tail(res.get(key))
                if tail and tail != NO_TRACEBACK:
                    fields[key] = tail
        if status == 'skipped' and _is_check_mode_skip(res, self._check_mode):
            fields['check_mode_skip'] = True
        warnings = res.get('warnings')
        if warnings:
            fields['warnings'] = [str(w) for w in warnings]
        return fields

    def _loop_summary(self, res, fields):
        results = res.get('results')
        if not isinstance(results, list):
            return
        fields['items'] = len(results)
        skipped = [r for r in results if isinstance(r, Mapping) and r.get('skipped') and _is_check_mode_skip(r, self._check_mode)]
        if skipped:
            fields['check_mode_skip_items'] = len(skipped)

    def _result(self, result, status, extra=None):
        fields = self._result_fields(result, status)
        self._loop_summary(result._result, fields)
        if extra:
            fields.update(extra)
        self._emit('result', fields)

    def v2_runner_on_ok(self, result):
        self._result(result, 'changed' if result._result.get('changed', False) else 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result(result, 'failed', {'ignore_errors': True} if ignore_errors else None)

    def v2_runner_on_skipped(self, result):
        self._result(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._result(result, 'unreachable')

    def _item(self, result, status):
        fields = self._result_fields(result, status)
        fields['item'] = self._get_item_label(result._result)
        self._emit('item', fields)

    def v2_runner_item_on_ok(self, result):
        self._item(result, 'changed' if result._result.get('changed', False) else 'ok')

    def v2_runner_item_on_failed(self, result):
        self._item(result, 'failed')

    def v2_runner_item_on_skipped(self, result):
        self._item(result, 'skipped')

    def v2_runner_retry(self, result):
        self._emit('retry', {
            'host': result._host.get_name(), 'task': result._task.get_name(),
            'attempt': result._result.get('attempts'), 'retries': result._result.get('retries'),
        })

    # --- diffs ------------------------------------------------------------------------------
    @staticmethod
    def _literal_dest(task):
        args = getattr(task, 'args', None) or {}
        dest = args.get('dest') or args.get('path')
        if isinstance(dest, str) and '{{' not in dest and '{%' not in dest:
            return dest
        return None

    @staticmethod
    def _is_controller_tmp(header):
        return isinstance(header, str) and (header.startswith(C.DEFAULT_LOCAL_TMP) or '/ansible-local-' in header)

    def _emit_diff(self, result, diff, item=None):
        entries = [dict(e) for e in (diff if isinstance(diff, list) else [diff]) if isinstance(e, Mapping)]
        # copy/template name the controller's temp file as the "after" side: name the destination.
        dest = None
        for entry in entries:
            if self._is_controller_tmp(entry.get('after_header')):
                dest = dest or self._literal_dest(result._task)
                replacement = entry.get('before_header') or dest
                if replacement:
                    entry['after_header'] = replacement
                else:
                    del entry['after_header']
        # _get_diff rewrites dict before/after into text in place: keep the raw shape first.
        raw = copy.deepcopy(entries)
        rendered = self._get_diff(entries)
        if not rendered or not rendered.strip():
            return
        fields = {
            'host': result._host.get_name(), 'task': result._task.get_name(),
            'action': result._task.action, 'uuid': result._task._uuid,
            'diff': raw, 'rendered': rendered,
        }
        if item is not None:
            fields['item'] = item
        self._emit('diff', fields)

    def v2_on_file_diff(self, result):
        res = result._result
        if result._task.loop and 'results' in res:
            for sub in res['results']:
                if isinstance(sub, Mapping) and sub.get('diff') and sub.get('changed', False):
                    self._emit_diff(result, sub['diff'], self._get_item_label(sub))
        elif res.get('diff') and res.get('changed', False):
            # Loop items come here one by one (without 'results'): label them.
            item = self._get_item_label(res) if ('_ansible_item_label' in res or 'item' in res) else None
            self._emit_diff(result, res['diff'], item)

    # --- end --------------------------------------------------------------------------------
    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for host in sorted(stats.processed.keys()):
            hosts[host] = stats.summarize(host)
        self._emit('stats', {'hosts': hosts})
