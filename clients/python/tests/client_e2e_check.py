"""The Python client against a running newsalign-server (started by client_e2e_test.sh).

    client_e2e_check.py ADDRESS EXAMPLE_DIR CLI_JSON CLI_TSV

CLI_JSON and CLI_TSV are `newsalign align --format=json|tsv` of EXAMPLE_DIR/fr.txt and ar.txt
against the same server: the Python client's response must give the same beads, the same
JSON document (to_dict) and the same TSV text (to_tsv). Errors are checked by exact code.
"""

import json
import pathlib
import sys
import unittest

import grpc

from newsalign import Client, NewsalignError, to_dict, to_json, to_tsv
from newsalign.v1 import alignment_pb2

ADDRESS, EXAMPLE, CLI_JSON, CLI_TSV = sys.argv[1:5]
FR = (pathlib.Path(EXAMPLE) / "fr.txt").read_text(encoding="utf-8")
AR = (pathlib.Path(EXAMPLE) / "ar.txt").read_text(encoding="utf-8")


def bead_list(beads):
    """Returns [([source indices], [target indices]), ...] of beads in the CLI's JSON."""
    return [(b.get("source_sentences", []), b.get("target_sentences", [])) for b in beads]


class SameAsTheCommand(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Client(ADDRESS)
        # The command names the pair after its --source file.
        cls.response = cls.client.align(FR, AR, id=str(pathlib.Path(EXAMPLE) / "fr.txt"))
        with open(CLI_JSON, encoding="utf-8") as f:
            cls.cli = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()

    def test_beads_equal_the_commands(self):
        ours = [(list(b.source_sentences), list(b.target_sentences))
                for b in self.response.beads]
        self.assertEqual(ours, bead_list(self.cli["beads"]))
        self.assertGreaterEqual(len(ours), 28)
        self.assertIn("MINUSMA", self.response.source.sentences[1].text)
        self.assertIn("مينوسما", self.response.target.sentences[1].text)

    def test_json_equals_the_commands(self):
        self.assertEqual(to_dict(self.response), self.cli)
        self.assertEqual(json.loads(to_json(self.response)), self.cli)
        self.assertIn("باماكو", to_json(self.response))  # Arabic kept as it is, not \u escapes

    def test_tsv_equals_the_commands(self):
        with open(CLI_TSV, encoding="utf-8") as f:
            self.assertEqual(to_tsv(self.response), f.read())

    def test_pre_split_and_the_other_direction(self):
        french = ["Le Mali a demandé le départ de la MINUSMA.", "Elle partira le 15 novembre."]
        arabic = ["طلبت مالي رحيل مينوسما.", "ستغادر في 15 نوفمبر."]
        response = self.client.align(french, arabic)
        self.assertEqual([s.text for s in response.source.sentences], french)
        self.assertEqual([(list(b.source_sentences), list(b.target_sentences))
                          for b in response.beads], [([0], [0]), ([1], [1])])
        reverse = self.client.align(AR, FR, "ar", "fr")
        self.assertEqual(reverse.source.language, "ar")
        self.assertGreaterEqual(len(reverse.beads), 28)

    def test_options_reach_the_server(self):
        response = self.client.align(FR, AR, max_bead_sentences=1, omit_text=True,
                                     disabled_anchors=["lexicon", "name"])
        self.assertTrue(all(len(b.source_sentences) <= 1 and len(b.target_sentences) <= 1
                            for b in response.beads))
        self.assertEqual(response.source.sentences[0].text, "")
        self.assertFalse(any(a.kind in (6, 3) for b in response.beads for a in b.anchors))
        with_lexicon = self.client.align(FR, AR, lexicon=[("soldats", "جنود", 0.9)])
        self.assertEqual(len(with_lexicon.beads), len(self.response.beads))

    def test_align_many_answers_in_order(self):
        pairs = [(FR, AR), ("Bamako, le 15 novembre.", "باماكو، 15 نوفمبر."), (AR, FR)]
        responses = list(self.client.align_many(pairs[:2], chunk=1, streams=2))
        self.assertEqual([r.id for r in responses], ["0", "1"])
        self.assertEqual(responses[0].beads, self.response.beads)
        self.assertEqual(len(responses[1].beads), 1)


class Errors(unittest.TestCase):
    """Each error arrives as NewsalignError with the server's exact code and message."""

    @classmethod
    def setUpClass(cls):
        cls.client = Client(ADDRESS)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()

    def assert_error(self, call, code, message_start):
        with self.assertRaises(NewsalignError) as raised:
            call()
        self.assertEqual(raised.exception.code, code, raised.exception)
        self.assertTrue(raised.exception.message.startswith(message_start), raised.exception)

    def test_bad_requests_are_invalid_argument(self):
        cases = [
            (lambda: self.client.align("", AR), "source.text is empty"),
            (lambda: self.client.align(FR, ""), "target.text is empty"),
            (lambda: self.client.align(["Bonjour.", ""], ["مرحبا."]), "source.sentences[1]"),
            (lambda: self.client.align(FR, AR, max_bead_sentences=7),
             "options.max_bead_sentences must be between 1 and 5, got 7"),
            (lambda: self.client.align(FR, AR, low_confidence_threshold=1.5),
             "options.low_confidence_threshold"),
            (lambda: self.client.align(
                FR, AR, lexicon=[("soldats", "جنود"), ("deux mots", "كلمتان")]),
             "options.lexicon[1]"),
        ]
        for call, message in cases:
            with self.subTest(message=message):
                self.assert_error(call, grpc.StatusCode.INVALID_ARGUMENT, message)

    def test_a_bad_pair_in_align_many(self):
        pairs = [(FR, AR), ("", AR), ("Bamako, le 15 novembre.", "باماكو، 15 نوفمبر.")]
        responses = list(self.client.align_many(pairs, return_errors=True))
        self.assertEqual([r.id for r in responses], ["0", "1", "2"])
        self.assertIsInstance(responses[0], alignment_pb2.AlignResponse)
        self.assertIsInstance(responses[1], NewsalignError)
        self.assertEqual(responses[1].code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertTrue(responses[1].message.startswith("source.text is empty"))
        self.assertIsInstance(responses[2], alignment_pb2.AlignResponse)
        self.assertGreater(len(responses[2].beads), 0)
        # By default the bad pair raises, after the pairs before it.
        answered = []
        with self.assertRaises(NewsalignError) as raised:
            for response in self.client.align_many(pairs):
                answered.append(response.id)
        self.assertEqual(answered, ["0"])
        self.assertEqual(raised.exception.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(raised.exception.id, "1")

    def test_unknown_option_is_a_type_error(self):
        with self.assertRaises(TypeError):
            self.client.align(FR, AR, max_beads=3)

    def test_deadline_exceeded(self):
        with Client(ADDRESS, deadline=0.001) as hurried:
            self.assert_error(lambda: hurried.align(FR, AR), grpc.StatusCode.DEADLINE_EXCEEDED, "")

    def test_no_server_is_unavailable(self):
        # Port 1 on loopback: nothing listens there.
        with Client("127.0.0.1:1") as nowhere:
            self.assert_error(nowhere.health, grpc.StatusCode.UNAVAILABLE, "")
            self.assert_error(lambda: nowhere.align(FR, AR), grpc.StatusCode.UNAVAILABLE, "")


class Health(unittest.TestCase):
    def test_serving(self):
        for target in (ADDRESS, f"ipv4:{ADDRESS}", f"dns:///{ADDRESS}"):
            with self.subTest(target=target), Client(target) as client:
                self.assertEqual(client.health(), "SERVING")
                self.assertEqual(client.health("newsalign.v1.AlignmentService"), "SERVING")

    def test_unknown_service_is_not_found(self):
        with Client(ADDRESS) as client, self.assertRaises(NewsalignError) as raised:
            client.health("no.such.Service")
        self.assertEqual(raised.exception.code, grpc.StatusCode.NOT_FOUND)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
