import threading
import time

forever = threading.Event()

def block_forever():
    forever.wait()
    print("never printed: the daemon dies with the program")

main_done = threading.Event()

def finish_late():
    main_done.wait()
    time.sleep(0.05)
    print("non-daemon worker finished after the main thread's last line")

print("main thread daemon:", threading.main_thread().daemon)
d = threading.Thread(target=block_forever, daemon=True)
n = threading.Thread(target=finish_late)
print("defaults:", d.daemon, n.daemon)
d2 = threading.Thread(target=block_forever)
d2.daemon = True
print("set before start:", d2.daemon)
d.start()
d2.start()
n.start()
try:
    n.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
d.join(timeout=0.05)
print("daemon still alive:", d.is_alive(), d2.is_alive())
print("main thread done; Python waits for the non-daemon thread only")
main_done.set()
