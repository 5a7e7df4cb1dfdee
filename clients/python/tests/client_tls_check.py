"""The Python client's TLS, mutual TLS and bearer token against servers client_e2e_test.sh
started with --tls_cert/--tls_key/--auth_token_file (TLS_ADDRESS) and --tls_client_ca too
(MTLS_ADDRESS), with certificates from tests/service/make_test_certs.sh in CERTS.

    client_tls_check.py TLS_ADDRESS MTLS_ADDRESS PLAIN_ADDRESS CERTS TOKEN EXAMPLE_DIR
"""

import pathlib
import sys
import unittest

import grpc

from newsalign import Client, NewsalignError

TLS, MTLS, PLAIN, CERTS, TOKEN, EXAMPLE = sys.argv[1:7]
CERTS = pathlib.Path(CERTS)
FR = "Les Casques bleus quittent Tombouctou le 15 novembre."
AR = "يغادر جنود حفظ السلام تمبكتو في 15 نوفمبر."


class Tls(unittest.TestCase):
    def assert_code(self, call, code):
        with self.assertRaises(NewsalignError) as raised:
            call()
        self.assertEqual(raised.exception.code, code, raised.exception)

    def test_tls_with_the_token(self):
        with Client(TLS, tls_ca=CERTS / "ca.pem", token=TOKEN) as client:
            response = client.align(FR, AR)
            self.assertEqual([(list(b.source_sentences), list(b.target_sentences))
                              for b in response.beads], [([0], [0])])
            self.assertEqual(client.health(), "SERVING")

    def test_token_missing_or_wrong_is_unauthenticated(self):
        for token in (None, "wrong-token"):
            with self.subTest(token=token), Client(TLS, tls_ca=CERTS / "ca.pem",
                                                   token=token) as client:
                self.assert_code(lambda: client.align(FR, AR), grpc.StatusCode.UNAUTHENTICATED)
                self.assert_code(lambda: list(client.align_many([(FR, AR)])),
                                 grpc.StatusCode.UNAUTHENTICATED)
                self.assertEqual(client.health(), "SERVING")  # health needs no token

    def test_untrusted_or_plaintext_is_unavailable(self):
        with Client(TLS, tls_ca=CERTS / "other_ca.pem", token=TOKEN) as client:
            self.assert_code(client.health, grpc.StatusCode.UNAVAILABLE)
        with Client(TLS, token=TOKEN) as client:  # plaintext to a TLS server
            self.assert_code(client.health, grpc.StatusCode.UNAVAILABLE)
        with Client(PLAIN, tls_ca=CERTS / "ca.pem") as client:  # TLS to a plaintext server
            self.assert_code(client.health, grpc.StatusCode.UNAVAILABLE)

    def test_mutual_tls(self):
        with Client(MTLS, tls_ca=CERTS / "ca.pem", tls_cert=CERTS / "client.pem",
                    tls_key=CERTS / "client.key", token=TOKEN) as client:
            self.assertEqual(len(client.align(FR, AR).beads), 1)
        with Client(MTLS, tls_ca=CERTS / "ca.pem", token=TOKEN) as client:  # no certificate
            self.assert_code(client.health, grpc.StatusCode.UNAVAILABLE)

    def test_cert_without_key_is_refused(self):
        with self.assertRaises(ValueError):
            Client(MTLS, tls_ca=CERTS / "ca.pem", tls_cert=CERTS / "client.pem")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
