"""One Python client, two newsalign-servers on 127.0.0.1: the batch is spread over both, and
when one server is killed mid-batch every pair is still answered, by the other.

    load_balancing_test.py BUILD/server/newsalign-server EXAMPLE_DIR

with PYTHONPATH holding BUILD/python. The 200 pairs are runs of 1 to 3 consecutive paragraphs
of the sample (French and Arabic), so the batch takes a few seconds.
"""

import json
import logging
import os
import pathlib
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from newsalign import Client

SERVER, EXAMPLE = sys.argv[1:3]
PAIRS = 200


def sample_pairs():
    """Returns PAIRS (French, Arabic) pairs of 1 to 3 consecutive paragraphs of the sample."""
    sides = [(pathlib.Path(EXAMPLE) / f"{lang}.txt").read_text(encoding="utf-8").strip()
             .split("\n\n") for lang in ("fr", "ar")]
    assert len(sides[0]) == len(sides[1]) == 18
    pairs = []
    while len(pairs) < PAIRS:
        n = len(pairs)
        start, length = n % 16, 1 + n // 16 % 3
        pairs.append(tuple("\n\n".join(side[start:start + length]) for side in sides))
    return pairs


class Server:
    """newsalign-server on 127.0.0.1 with a port it picks, its stderr in a file."""

    def __init__(self, folder, name):
        self.log = pathlib.Path(folder) / f"{name}.err"
        with open(self.log, "wb") as err:
            self.process = subprocess.Popen(
                [SERVER, "--listen=127.0.0.1:0", "--drain_seconds=0"],
                stdout=subprocess.PIPE, stderr=err, text=True)
        line = self.process.stdout.readline()  # "listening on 127.0.0.1:PORT", or EOF
        match = re.fullmatch(r"listening on (127\.0\.0\.1:[1-9][0-9]*)\n", line)
        if not match:
            self.stop()
            raise RuntimeError(f"{name}: no 'listening on' line but {line!r}: "
                               f"{self.log.read_text()}")
        self.address = match.group(1)

    def answered(self):
        """Returns how many AlignStream requests the server logged as answered OK."""
        # One JSON line per request; the stream's own line has no "id".
        return sum(1 for line in self.log.read_text().splitlines()
                   if line.startswith("{") and json.loads(line).get("method") == "AlignStream"
                   and json.loads(line).get("code") == "OK" and "id" in json.loads(line))

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        self.process.kill()  # nothing happens when it has exited already
        self.process.wait(timeout=10)
        self.process.stdout.close()


class RetriesSeen(logging.Handler):
    """Counts the client's warnings about streams sent again."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        if "again" in record.getMessage():
            self.count += 1


class LoadBalancing(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)
        self.servers = []
        for name in ("one", "two"):
            self.servers.append(Server(self.folder.name, name))
            self.addCleanup(self.servers[-1].stop)
        self.target = "ipv4:" + ",".join(s.address for s in self.servers)
        self.pairs = sample_pairs()

    def check_answers(self, responses):
        self.assertEqual([r.id for r in responses], [str(i) for i in range(PAIRS)])
        for response, (french, arabic) in zip(responses, self.pairs):
            # The answer is this pair's: each sentence is the pair's text in its byte range.
            for side, text in ((response.source, french), (response.target, arabic)):
                data = text.encode("utf-8")
                for sentence in side.sentences:
                    self.assertEqual(sentence.text.encode("utf-8"),
                                     data[sentence.byte_begin:sentence.byte_end])
            self.assertGreater(len(response.beads), 0)

    def kill_after(self, answers):
        """SIGKILLs the second server once its log holds `answers` answers (20 s at most)."""
        deadline = time.monotonic() + 20
        while self.servers[1].answered() < answers and time.monotonic() < deadline:
            time.sleep(0.002)
        self.servers[1].kill()

    def test_spread_over_both_then_one_killed_mid_batch(self):
        with Client(self.target, deadline=30) as client:
            started = time.monotonic()
            first = list(client.align_many(self.pairs))
            first_seconds = time.monotonic() - started
            self.check_answers(first)
            counts = [s.answered() for s in self.servers]
            print(f"first batch: {PAIRS} pairs in {first_seconds:.2f} s, answered per server "
                  f"{counts}", flush=True)
            self.assertEqual(sum(counts), PAIRS)
            for count in counts:
                self.assertGreaterEqual(count, PAIRS // 5, f"not spread over both: {counts}")
            # A stream's answers are those of a lone Align call.
            self.assertEqual(client.align(*self.pairs[37], id="37"), first[37])

            # Again, in chunks of 25 pairs, and SIGKILL the second server once it has answered
            # 40 of them: 40 is no multiple of 25, so a stream of it is in flight then. Its
            # streams fail UNAVAILABLE, and their unanswered pairs go to the first server.
            retries = RetriesSeen()
            logging.getLogger("newsalign").addHandler(retries)
            self.addCleanup(logging.getLogger("newsalign").removeHandler, retries)
            killer = threading.Thread(target=self.kill_after, args=(counts[1] + 40,))
            killer.start()
            started = time.monotonic()
            second = list(client.align_many(self.pairs, chunk=25, streams=2))
            second_seconds = time.monotonic() - started
            killer.join()
            after = [s.answered() - c for s, c in zip(self.servers, counts)]
            print(f"second batch: {PAIRS} pairs in {second_seconds:.2f} s, answered per server "
                  f"{after}, streams sent again {retries.count}", flush=True)
            self.check_answers(second)
            self.assertEqual(second, first)
            self.assertGreaterEqual(retries.count, 1, "the kill interrupted no stream")
            self.assertGreaterEqual(after[1], 40)
            self.assertGreaterEqual(after[0], PAIRS - after[1])
            self.assertEqual(self.servers[1].process.returncode, -signal.SIGKILL)
            # Lone Align calls after the kill go to the server left.
            for i in range(0, PAIRS, 20):
                self.assertEqual(client.align(*self.pairs[i], id=str(i)), first[i])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
