from gui.refcount_guard import make_singletons_immortal

# before any Qt call: see gui/refcount_guard.py
make_singletons_immortal()
