"""The kernel holds shared steps, not use cases: nothing in it checks a permission of its own.

A permission check is what makes a function a use case (one check, one transaction; `desk.py`
defines the check itself); a use case
belongs to the feature that answers for it, so the kernel never asks `desk.require`.
"""

from pathlib import Path

import shelter_desk.services.kernel as kernel


def test_no_kernel_module_checks_a_permission():
    asking = [
        path.name
        for path in Path(kernel.__file__).parent.glob("*.py")
        if path.name != "desk.py" and ".require(" in path.read_text()
    ]
    assert asking == []
