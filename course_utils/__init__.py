"""Helpers for the English/Hinglish deep-learning course.

Modules (each function's docstring names the chapter that introduces it):

* :mod:`course_utils.environment` - runtime detection, seeds, quiet TensorFlow, the environment line
* :mod:`course_utils.precision` - GPU-aware mixed precision and distribution strategy
* :mod:`course_utils.data` - the dataset registry (bundled, built-in and online datasets)
* :mod:`course_utils.text` - text normalisation for English and Hinglish
* :mod:`course_utils.baselines` - the TF-IDF + logistic regression baseline text models must beat
* :mod:`course_utils.training` - ``fit`` with sensible callbacks, a hand-written training step
* :mod:`course_utils.plots` - the course's figures
* :mod:`course_utils.sequences` - gradient per time step, time per batch vs length (ch. 02-04)
* :mod:`course_utils.timeseries` - the demand series, windows, seasonal-naive baseline (ch. 03)
* :mod:`course_utils.transformer` - attention, position encodings, the Transformer encoder layer
* :mod:`course_utils.vision` - image grids with heatmap overlays, integer image shifts (ch. 06-07)
* :mod:`course_utils.detection` - shapes data, IoU, NMS, YOLO grid targets, mAP (chapter 07)
* :mod:`course_utils.grade`, :mod:`course_utils.assign` - for instructors: grade a class's
  notebooks with the exercises' own checks, write handouts with the solutions hidden (README)
"""

__version__ = "0.1.0"

from course_utils.environment import quiet_tensorflow as _quiet_tensorflow

# Importing the package first keeps TensorFlow's C++ start-up lines out of the notebook.
_quiet_tensorflow()
