"""Model runtimes: loading models and running them, for every stage that needs one.

- roles: a role's configuration (backend, model, options) and model references, resolved to files;
- compute: threads for inference, shared by torch and ONNX Runtime;
- embed: sentence embeddings; nlp: spaCy pipelines;
- onnx_runtime: the verifier and the embedder under ONNX Runtime, without torch (onnx_export and
  onnx_graph build the ONNX models, fast_tokenizer tokenizes without transformers).
"""
