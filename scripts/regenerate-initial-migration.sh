#!/usr/bin/env bash
# Regenerates bot/storage/migrations/versions/0001_initial.py from the models. Only while the project has
# no deployed databases; afterwards add a new revision with `alembic revision --autogenerate`.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f bot/storage/migrations/versions/0001_initial.py
.venv/bin/python - "$tmp" <<'PY'
import sys
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine
url = f"sqlite:///{sys.argv[1]}/empty.db"
cfg = Config()
cfg.set_main_option("script_location", "bot/storage/migrations")
with create_engine(url).begin() as conn:
    cfg.attributes["connection"] = conn
    command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001_initial")
import pathlib
new = next(pathlib.Path("bot/storage/migrations/versions").glob("0001_initial_*.py"))
new.rename("bot/storage/migrations/versions/0001_initial.py")
PY
rm -rf "$tmp"
.venv/bin/ruff format bot/storage/migrations/versions/0001_initial.py >/dev/null
echo "bot/storage/migrations/versions/0001_initial.py regenerated"
