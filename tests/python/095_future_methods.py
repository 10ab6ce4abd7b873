import concurrent.futures
import threading

gate = threading.Event()
started = threading.Event()

def blocker():
    started.set()
    gate.wait()
    return "blocker done"

called = threading.Event()

def on_done(future):
    print("callback in", "main" if threading.current_thread() is threading.main_thread() else "worker",
          "| done =", future.done(), "| result =", future.result())
    called.set()

with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    running = pool.submit(blocker)
    pending = pool.submit(str.upper, "pending")
    queued = pool.submit(str.upper, "queued")
    started.wait()
    print("running:", running.running(), running.done(), running.cancelled())
    print("pending:", pending.running(), pending.done())
    print("cancel a running future:", running.cancel())
    print("cancel a pending future:", pending.cancel(), pending.cancelled(), pending.done())
    try:
        running.result(timeout=0.05)
    except concurrent.futures.TimeoutError:
        print("result(timeout=0.05) raised TimeoutError")
    try:
        pending.result()
    except concurrent.futures.CancelledError:
        print("result() of a cancelled future raises CancelledError")
    running.add_done_callback(on_done)
    gate.set()
    called.wait()
    print("result:", running.result(), "| exception:", running.exception())
    print("queued:", queued.result(), queued.done(), queued.cancel())
    queued.add_done_callback(on_done)
print("TimeoutError is the builtin:", concurrent.futures.TimeoutError is TimeoutError)
