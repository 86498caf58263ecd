"""A solver worker: ``python -m scheduling.replan.worker`` reads groups, writes plans.

Started by ``scheduling.replan.solver`` to use a second core; the pickles only ever pass
between that process and this one, through pipes.
"""

from __future__ import annotations

import pickle  # noqa: S403
import sys

from scheduling.replan.model import solve_component


def main() -> None:
    components = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 (from our own parent)
    outcomes = [solve_component(c) for c in components]
    sys.stdout.buffer.write(pickle.dumps(outcomes))


if __name__ == "__main__":
    main()
