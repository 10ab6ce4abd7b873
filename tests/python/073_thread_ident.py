import threading

seen = {}
ready = threading.Barrier(3)

def record(key):
    seen[key] = threading.get_ident()
    seen[key + "_current"] = threading.current_thread().ident
    ready.wait()

t1 = threading.Thread(target=record, args=("t1",))
t2 = threading.Thread(target=record, args=("t2",))
print("ident before start:", t1.ident)
t1.start()
t2.start()
ready.wait()
t1.join()
t2.join()
main_ident = threading.get_ident()
print("ident is an int:", isinstance(t1.ident, int))
print("t1 get_ident matches ident:", seen["t1"] == t1.ident == seen["t1_current"])
print("t2 get_ident matches ident:", seen["t2"] == t2.ident)
print("live threads have distinct idents:", len({seen["t1"], seen["t2"], main_ident}) == 3)
print("main ident:", main_ident == threading.main_thread().ident == threading.current_thread().ident)
print("ident kept after the thread ends:", t1.ident == seen["t1"], t1.is_alive())
