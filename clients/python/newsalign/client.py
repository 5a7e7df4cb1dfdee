"""A client of newsalign-server: one channel, one method per thing to do.

    from newsalign import Client

    with Client("127.0.0.1:50051") as client:
        response = client.align(french_text, arabic_text)              # fr -> ar by default
        for bead in response.beads:
            print(list(bead.source_sentences), list(bead.target_sentences), bead.confidence)
        for response in client.align_many([(fr1, ar1), (fr2, ar2)]):   # in order
            ...
        client.health()                                                # "SERVING"

A target may name several servers: "dns:///newsalign.prod.svc:50051" (every address the name
resolves to) or "ipv4:127.0.0.1:50051,127.0.0.1:50052". The channel balances calls round robin
over every server that is up, so one client spreads a batch over all the replicas.

Errors are NewsalignError, carrying the gRPC status code and the server's message
("source.text is empty").
"""

import concurrent.futures
import itertools
import json
import logging
import time

import grpc

from newsalign._grpc_health.v1 import health_pb2, health_pb2_grpc
from newsalign.v1 import alignment_pb2, alignment_pb2_grpc

# Calls go round robin over every address of the target; Align and Segment are retried by
# gRPC itself on another server when one is unavailable (they change nothing on the server).
_SERVICE_CONFIG = json.dumps({
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [{
        "name": [
            {"service": "newsalign.v1.AlignmentService", "method": "Align"},
            {"service": "newsalign.v1.AlignmentService", "method": "Segment"},
        ],
        "retryPolicy": {
            "maxAttempts": 4,
            "initialBackoff": "0.1s",
            "maxBackoff": "1s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        },
    }],
})

_log = logging.getLogger("newsalign")

_CODES = {code.value[0]: code for code in grpc.StatusCode}


class NewsalignError(Exception):
    """A call (or, in align_many, one pair) that failed.

    code: the grpc.StatusCode, e.g. grpc.StatusCode.INVALID_ARGUMENT.
    message: the server's explanation, naming the request field or limit at fault.
    id: the pair's id for an align_many pair, else "".
    """

    def __init__(self, code, message, id=""):
        super().__init__(f"{code.name}: {message}" + (f" (pair {id})" if id else ""))
        self.code = code
        self.message = message
        self.id = id

    @classmethod
    def from_rpc_error(cls, error):
        return cls(error.code(), error.details() or "")


def _document(content, language, field):
    """Returns a Document of raw text (a str) or of the caller's own sentences (a list)."""
    if isinstance(content, str):
        return alignment_pb2.Document(language=language, text=content)
    if isinstance(content, (list, tuple)):
        return alignment_pb2.Document(
            language=language, sentences=alignment_pb2.SentenceList(sentences=list(content)))
    raise TypeError(f"{field} must be a str (raw text) or a list of sentences, "
                    f"not {type(content).__name__}")


def _align_options(options):
    """Returns AlignOptions from keyword arguments named as the proto's fields.

    disabled_anchors takes names ("number", "lexicon") or AnchorKind values; lexicon takes
    (source, target) or (source, target, weight) tuples.
    """
    message = alignment_pb2.AlignOptions()
    for name, value in options.items():
        if name == "disabled_anchors":
            for kind in value:
                if isinstance(kind, str):
                    kind = alignment_pb2.AnchorKind.Value("ANCHOR_KIND_" + kind.upper())
                message.disabled_anchors.append(kind)
        elif name == "lexicon":
            for entry in value:
                message.lexicon.add(source=entry[0], target=entry[1],
                                    weight=entry[2] if len(entry) > 2 else 0.0)
        elif name in alignment_pb2.AlignOptions.DESCRIPTOR.fields_by_name:
            setattr(message, name, value)
        else:
            raise TypeError(f"unknown alignment option {name!r}")
    return message


def _read(path):
    """Returns the bytes of the file at path, or None for None."""
    if path is None:
        return None
    with open(path, "rb") as f:
        return f.read()


class Client:
    """A channel to one or more newsalign servers.

    target: "HOST:PORT", "dns:///HOST:PORT" or "ipv4:IP:PORT,IP:PORT".
    deadline: seconds each call may take (one Align, or one stream of align_many).
    token: the server's bearer token (--auth_token_file), sent with every alignment call.
    tls_ca: path of a PEM CA to trust for a TLS server; None for plaintext.
    tls_cert, tls_key: paths of the PEM client certificate and key, for mutual TLS.
    """

    def __init__(self, target, *, deadline=60.0, token=None, tls_ca=None, tls_cert=None,
                 tls_key=None):
        if not deadline > 0:
            raise ValueError(f"deadline must be a number of seconds above 0, got {deadline!r}")
        self.deadline = deadline
        self._metadata = (("authorization", f"Bearer {token}"),) if token else None
        options = [
            ("grpc.service_config", _SERVICE_CONFIG),
            # Responses echo both documents: no 4 MiB cap (the server has its own limits).
            ("grpc.max_receive_message_length", -1),
            ("grpc.max_send_message_length", -1),
        ]
        if (tls_cert is None) != (tls_key is None):
            raise ValueError("tls_cert and tls_key go together")
        if tls_ca is not None or tls_cert is not None:
            credentials = grpc.ssl_channel_credentials(
                root_certificates=_read(tls_ca), private_key=_read(tls_key),
                certificate_chain=_read(tls_cert))
            self._channel = grpc.secure_channel(target, credentials, options=options)
        else:
            self._channel = grpc.insecure_channel(target, options=options)
        self._stub = alignment_pb2_grpc.AlignmentServiceStub(self._channel)
        self._health = health_pb2_grpc.HealthStub(self._channel)

    def close(self):
        self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def request(self, source, target, source_lang="fr", target_lang="ar", *, id="",
                **options):
        """Returns the AlignRequest for one pair (text as str, or pre-split as a list)."""
        return alignment_pb2.AlignRequest(
            id=id,
            source=_document(source, source_lang, "source"),
            target=_document(target, target_lang, "target"),
            options=_align_options(options))

    def align(self, source_text, target_text, source_lang="fr", target_lang="ar", *, id="",
              **options):
        """Aligns one document pair; returns its AlignResponse.

        source_text, target_text: raw text (str), or the caller's own sentences (a list).
        id: echoed in the response. options are AlignOptions fields: max_bead_sentences=3,
        second_pass=False, disabled_anchors=["lexicon"], omit_text=True, ...
        """
        request = self.request(source_text, target_text, source_lang, target_lang, id=id,
                               **options)
        try:
            return self._stub.Align(request, timeout=self.deadline, metadata=self._metadata)
        except grpc.RpcError as error:
            raise NewsalignError.from_rpc_error(error) from None

    def align_many(self, pairs, source_lang="fr", target_lang="ar", *, chunk=16, streams=4,
                   attempts=5, return_errors=False, **options):
        """Aligns many pairs over AlignStream; yields their AlignResponses in order.

        pairs: (source, target) tuples, or AlignRequests (sent as they are); any iterable,
        read `chunk` at a time. Each chunk goes over its own stream (requests written while
        responses are read), up to `streams` at once, so the round-robin channel spreads them
        over every server. A pair's id is its position ("0", "1", ...) unless it has one.

        When a stream fails UNAVAILABLE (a server died or left), its pairs without an answer
        are sent again on a fresh stream, up to `attempts` streams per chunk; no pair is lost.
        A pair the server refuses (its AlignStreamResponse.status not OK) raises
        NewsalignError with its code, message and id, after the pairs before it; with
        return_errors=True that NewsalignError is yielded in the pair's place instead, and
        the pairs after it follow.
        """
        counter = itertools.count()

        def requests_of(batch):
            out = []
            for pair in batch:
                index = next(counter)
                if isinstance(pair, alignment_pb2.AlignRequest):
                    request = pair
                else:
                    request = self.request(pair[0], pair[1], source_lang, target_lang,
                                           id=str(index), **options)
                out.append(alignment_pb2.AlignStreamRequest(request=request))
            return out

        pairs = iter(pairs)
        with concurrent.futures.ThreadPoolExecutor(max_workers=streams) as pool:
            pending = []
            try:
                while True:
                    while len(pending) < 2 * streams:
                        batch = list(itertools.islice(pairs, chunk))
                        if not batch:
                            break
                        pending.append(pool.submit(self._align_chunk, requests_of(batch),
                                                   attempts))
                    if not pending:
                        return
                    for answer in pending.pop(0).result():
                        if answer.status.code == 0:
                            yield answer.response
                            continue
                        error = NewsalignError(
                            _CODES.get(answer.status.code, grpc.StatusCode.UNKNOWN),
                            answer.status.message, answer.id)
                        if not return_errors:
                            raise error
                        yield error
            finally:
                for future in pending:
                    future.cancel()

    def _align_chunk(self, requests, attempts):
        """Returns the AlignStreamResponses to `requests` (AlignStreamRequests) over
        AlignStream, resending on UNAVAILABLE."""
        responses = []
        for attempt in range(attempts):
            call = self._stub.AlignStream(iter(requests[len(responses):]), timeout=self.deadline,
                                          metadata=self._metadata)
            try:
                for response in call:
                    responses.append(response)
                return responses
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.UNAVAILABLE or attempt + 1 == attempts:
                    raise NewsalignError.from_rpc_error(error) from None
                _log.warning("AlignStream %s: %s; sending its %d pairs without an answer again "
                             "(stream %d of %d)", error.code().name, error.details(),
                             len(requests) - len(responses), attempt + 2, attempts)
            time.sleep(0.05 * 2 ** attempt)
        return responses

    def segment(self, text, language="fr"):
        """Splits one document into sentences; returns its SegmentResponse."""
        request = alignment_pb2.SegmentRequest(document=_document(text, language, "document"))
        try:
            return self._stub.Segment(request, timeout=self.deadline, metadata=self._metadata)
        except grpc.RpcError as error:
            raise NewsalignError.from_rpc_error(error) from None

    def health(self, service="", *, deadline=5.0):
        """Returns the server's health status name: "SERVING", "NOT_SERVING", ...

        service: "" for the server as a whole, or "newsalign.v1.AlignmentService".
        """
        try:
            response = self._health.Check(health_pb2.HealthCheckRequest(service=service),
                                          timeout=deadline)
        except grpc.RpcError as error:
            raise NewsalignError.from_rpc_error(error) from None
        return health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
