# The two commands of the README: `make run` and `make test`. Both create .venv on first use and
# reinstall only when pyproject.toml changes, so a second call starts at once. `make package`
# builds the app bundle for this OS into dist/; `make package-check` smoke-tests that bundle.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PACKAGE_STAMP := $(VENV)/.package-stamp
# The offline place-name index, built once from GeoNames data on the package index (journal/places/build.py).
PLACES_INDEX := $(VENV)/share/trip-journal/places.sqlite
BUNDLE := dist/trip-journal

.PHONY: run test lint typecheck pytest bench bench-places bench-tracks package package-check clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Trip Journal needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

$(PLACES_INDEX): $(STAMP) journal/places/build.py journal/places/local_names.py journal/places/geometry.py \
		journal/places/cells.py journal/places/name_search.py
	$(BIN)/python -m journal.places.build --output $(PLACES_INDEX)

run: $(STAMP) $(PLACES_INDEX)
	$(BIN)/trip-journal $(ARGS)

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(PLACES_INDEX)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

# Import speed against exiftool + vipsthumbnail and a bare Pillow loop; ARGS="--count 1000".
bench: $(STAMP)
	$(BIN)/python -m bench.import_bench $(ARGS)

# Place names: index load time and lookups per second for 10,000 positions.
bench-places: $(STAMP) $(PLACES_INDEX)
	$(BIN)/python bench/geocode_bench.py $(ARGS)

# GPS tracks: 1,000 photos matched to a 100,000-point track, beside exiftool -geotag.
bench-tracks: $(STAMP) $(PLACES_INDEX)
	$(BIN)/python -m bench.track_bench $(ARGS)

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	@touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/trip-journal.spec
	@du -sh $(BUNDLE)

# Runs the bundle, not the checkout: proves the frozen app has its Qt plugins and image codecs.
package-check:
	@test -x $(BUNDLE)/trip-journal || { echo "No bundle in $(BUNDLE): run make package first."; exit 1; }
	$(BUNDLE)/trip-journal --self-check

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist *.egg-info
