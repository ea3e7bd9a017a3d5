"""The exercise bank: one module ``nbNN`` per notebook, each defining ``EXERCISES``.

Read by :func:`helpers.exercises.all_exercises`. A reader who opens these files
sees the answers: they are here so that the notebooks do not show them.
"""
