"""Python client of newsalign-server: align a translated news article with its source.

    from newsalign import Client, NewsalignError, to_dict, to_tsv

    with Client("127.0.0.1:50051") as client:
        response = client.align(french_text, arabic_text)   # an AlignResponse
        print(to_tsv(response))                            # as `newsalign align --format=tsv`

The messages (AlignRequest, AlignResponse, Bead, ...) are the generated newsalign.v1.alignment_pb2.
"""

from newsalign.client import Client, NewsalignError
from newsalign.formats import to_dict, to_json, to_tsv
from newsalign.v1 import alignment_pb2

__all__ = ["Client", "NewsalignError", "alignment_pb2", "to_dict", "to_json", "to_tsv"]
