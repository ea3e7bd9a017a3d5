"""The course's widgets: each a plain model the tests call plus a view drawn in the browser.

One module per widget holds its model (or an import of it), its Python view
class (an anywidget) and, beside it, its ES module (``<module>.js``, with
``common.js`` in front). This package only re-exports the public names.

A widget function may share its module's name: ``from helpers.widgets import
matrix_explorer`` gives the function, and the module's other names come from
the module path, ``from helpers.widgets.matrix_explorer import analyse``.
"""

from .common import STATIC_MIME, StaticState, format_number, guarded, new_status, status_html
from .elimination import (
    ELIMINATION_PRESETS,
    ENTRY_LIMIT,
    EliminationStep,
    EliminationStepper,
    EliminationWidget,
    elimination_widget,
)
from .lora_calculator import FIELDS as LORA_FIELDS
from .lora_calculator import TARGET_NAMES, LoRACalculator, calculate, lora_calculator
from .matrix_explorer import (
    KINDS,
    PRESETS,
    MatrixExplorer,
    analyse,
    eigen_directions,
    explain,
    matrix_explorer,
    plot_matrix_action,
)
from .pca_direction import PCADirection, PCADirectionWidget, pca_cloud, pca_direction_widget
from .pixel_view import PixelView, as_pixels
from .qr_stepper import (
    QR_METHODS,
    QRStep,
    QRStepper,
    QRStepperWidget,
    draw_qr_step,
    qr_stepper_widget,
)
from .quadratic_form import QuadraticForm, QuadraticFormWidget, quadratic_form_widget
from .randomized_svd import RandomizedSVDModel, RandomizedSVDWidget, randomized_svd_widget
from .rank_slider import format_readout, rank_slider, readout_html
from .recommender import RecommenderExplorer, RecommenderGrid, build_grid, recommender_explorer
from .svd_geometry import (
    STAGES,
    Stage,
    SVDGeometry,
    SVDGeometryWidget,
    canonical_svd_2x2,
    describe_orthogonal,
    draw_stage,
    plot_svd_stages,
    svd_geometry_widget,
)

__all__ = [
    # common
    "STATIC_MIME",
    "StaticState",
    "format_number",
    "guarded",
    "new_status",
    "status_html",
    # matrix explorer (notebook 01)
    "KINDS",
    "PRESETS",
    "MatrixExplorer",
    "analyse",
    "eigen_directions",
    "explain",
    "matrix_explorer",
    "plot_matrix_action",
    # quadratic forms (notebook 02)
    "QuadraticForm",
    "QuadraticFormWidget",
    "quadratic_form_widget",
    # SVD geometry (notebook 03)
    "STAGES",
    "Stage",
    "SVDGeometry",
    "SVDGeometryWidget",
    "canonical_svd_2x2",
    "describe_orthogonal",
    "draw_stage",
    "plot_svd_stages",
    "svd_geometry_widget",
    # rank slider (notebook 05)
    "PixelView",
    "as_pixels",
    "format_readout",
    "rank_slider",
    "readout_html",
    # QR stepper (notebook 06)
    "QR_METHODS",
    "QRStep",
    "QRStepper",
    "QRStepperWidget",
    "draw_qr_step",
    "qr_stepper_widget",
    # randomized SVD explorer (notebook 08)
    "RandomizedSVDModel",
    "RandomizedSVDWidget",
    "randomized_svd_widget",
    # PCA direction (notebook 09)
    "PCADirection",
    "PCADirectionWidget",
    "pca_cloud",
    "pca_direction_widget",
    # elimination stepper (notebook 07)
    "ELIMINATION_PRESETS",
    "ENTRY_LIMIT",
    "EliminationStep",
    "EliminationStepper",
    "EliminationWidget",
    "elimination_widget",
    # LoRA calculator (notebook 10)
    "LORA_FIELDS",
    "TARGET_NAMES",
    "LoRACalculator",
    "calculate",
    "lora_calculator",
    # recommender explorer (notebook 11)
    "RecommenderExplorer",
    "RecommenderGrid",
    "build_grid",
    "recommender_explorer",
]
