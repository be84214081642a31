#!/usr/bin/python3
"""Run the onnx checker (full_check=True, i.e. with shape inference) on each ONNX file given.

Prints each file's opset imports and OK or FAIL; exits 1 if any file fails, 2 on bad usage.
Written for Debian's python3-onnx (1.12), which knows ai.onnx opsets up to 17 and ai.onnx.ml up to 3.
Not used at run time: CI runs it on the trained artifacts (npm run check:onnx).
"""
import sys

import onnx


def check(path):
    """Return True when the model at `path` loads and passes the full check."""
    try:
        model = onnx.load(path)
        opsets = ", ".join(
            "%s %d" % (o.domain or "ai.onnx", o.version) for o in model.opset_import
        )
        print("%s: ir_version %d, opsets %s" % (path, model.ir_version, opsets))
        onnx.checker.check_model(model, full_check=True)
    except Exception as error:  # noqa: BLE001 - report any failure per file
        print("FAIL %s: %s" % (path, str(error).strip().replace("\n", " ")))
        return False
    print("OK %s" % path)
    return True


def main(paths):
    if not paths:
        print("usage: check_onnx.py MODEL.onnx [MODEL.onnx ...]", file=sys.stderr)
        return 2
    results = [check(path) for path in paths]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
