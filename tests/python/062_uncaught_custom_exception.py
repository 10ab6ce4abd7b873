import sys

class PipelineError(Exception):
    pass

class StageFailed(PipelineError):
    def __init__(self, stage, reason):
        super().__init__(f"stage {stage!r} failed: {reason}")

def run_stage(name):
    print("running", name)
    if name == "compile":
        raise StageFailed(name, "syntax error on line 3")

for stage in ["fetch", "compile", "test"]:
    print("stage", stage, file=sys.stderr)
    run_stage(stage)
