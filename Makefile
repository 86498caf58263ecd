# The two commands: `make run` and `make test`. Everything else is a step they take.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
SEED_HISTORY_DAYS ?= 365
FLASK := $(BIN)/flask --app wsgi
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install assets translations migrate seed lint chromium bench bench-seed \
	bench-triage bench-scheduling bench-messaging bench-bot bench-staff bench-video extract-messages train-triage clean

run: install assets translations migrate seed
	@echo ""
	@echo "  Repairs portal:   http://127.0.0.1:$(PORT)/"
	@echo "  Staff sign-in:    http://127.0.0.1:$(PORT)/staff/sign-in"
	@echo "  Health:           http://127.0.0.1:$(PORT)/healthz"
	@echo "  Text messages:    http://127.0.0.1:$(PORT)/dev/outbox (sign-in codes too)"
	@echo "  Demo tenant:      mobile 07700 900001; the code is on the development outbox,"
	@echo "                    http://127.0.0.1:$(PORT)/dev/outbox; first time, also"
	@echo "                    tenancy reference TV-000001 and postcode NG4 4NN"
	@echo "  Demo staff:       agent@trentvale.example / supervisor@trentvale.example,"
	@echo "                    password demo-repairs-2026"
	@echo "  Video service:    http://127.0.0.1:$${VIDEO_PORT:-5002}/healthz (beside the web app)"
	@echo "  Ctrl-C stops the web app, the message worker and the video service together."
	@echo ""
	PORT=$(PORT) $(BIN)/python supervise.py Procfile

test: install assets translations chromium lint
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: static/govuk/app.css

static/govuk/app.css: node_modules/.installed static/src/app.scss build-assets.mjs
	node build-assets.mjs

translations: install
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile --use-fuzzy -d translations -f; fi

extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed --history-days $(SEED_HISTORY_DAYS)

# Style, formatting and the import rules of ../shared/DESIGN.md.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Browser tests drive the system's Chromium; install it from the OS packages when missing.
chromium:
	@if [ -z "$$CHROMIUM_PATH" ] && ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "Chromium is missing: install it with your package manager" \
				"(apt-get install chromium) or set CHROMIUM_PATH"; exit 1; \
		fi; \
	fi

bench: bench-seed bench-triage bench-scheduling bench-messaging bench-bot bench-staff bench-video

bench-seed: install
	$(BIN)/python bench/bench_seed.py

bench-triage: install
	$(BIN)/python bench/bench_triage.py
	$(BIN)/python bench/bench_typos.py
	$(BIN)/python bench/bench_triage_raise.py

# The triage ranker (triage_rules/rules/ranker.json) from the labelled development rows;
# the train extra (scikit-learn) is needed here only, never by the engine. It is trained
# into a copy of the rules and installed only when every phrase case still holds with it.
TRAIN_RULES = instance/triage-rules-trained
train-triage: install
	$(BIN)/python -m pip install --quiet -e '.[test,train]'
	rm -rf $(TRAIN_RULES) && mkdir -p instance && cp -r triage_rules/rules $(TRAIN_RULES)
	$(BIN)/python -m triage_rules.train --out $(TRAIN_RULES)/ranker.json
	@TRIAGE_CASES_RULES=$(TRAIN_RULES) $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/triage/test_triage_cases.py tests/triage/test_triage_matcher.py \
		tests/triage/test_triage_emergency.py tests/triage/test_triage_safety_net.py \
		tests/triage/test_triage_vulnerability.py \
		|| { echo "The new ranker breaks the cases above: not installed ($(TRAIN_RULES)/ranker.json)."; exit 1; }
	cp $(TRAIN_RULES)/ranker.json triage_rules/rules/ranker.json

bench-scheduling: install
	$(BIN)/python bench/bench_scheduling_offers.py
	$(BIN)/python bench/bench_scheduling_month.py

bench-messaging: install translations
	$(BIN)/python bench/bench_messaging.py

bench-bot: install
	$(BIN)/python bench/bench_bot_webhook.py

bench-staff: install
	$(BIN)/python bench/bench_staff.py

bench-video: install
	$(BIN)/python bench/bench_video.py

clean:
	rm -rf static/govuk node_modules/.installed $(VENV)/.installed
