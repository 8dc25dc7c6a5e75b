# circle's build. `make test` is what CI runs (.ci/run).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

GO       ?= go
PKGS     := ./...
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT   ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null)
LDFLAGS  := -s -w -X github.com/circle-cli/circle/cmd.version=$(VERSION) -X github.com/circle-cli/circle/cmd.commit=$(COMMIT)
BIN      := bin/circle

.PHONY: build test bench lint fmt run demo fuzz docs clean

build: ## build bin/circle with the version and commit stamped in
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/circle

test: ## vet, then every test, with a summary line at the end
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l cmd assess graph questionnaires scripts)" || { echo "gofmt needed:"; gofmt -l cmd assess graph questionnaires scripts; exit 1; }
	$(GO) test -count=1 -timeout 9m -json $(PKGS) | $(GO) run ./cmd/testsummary

bench: ## Go benchmarks, then whole-process timings of circle map beside native Graphviz
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	scripts/bench-map

lint: ## go vet and gofmt
	$(GO) vet $(PKGS)
	@test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }

fmt: ## gofmt every file
	gofmt -w cmd assess graph questionnaires scripts

run: ## the interview, on the default questionnaire
	$(GO) run ./cmd/circle assess

demo: build ## the non-interactive path on the example answers, in a throwaway CIRCLE_HOME
	@home=$$(mktemp -d); trap 'rm -rf "$$home"' EXIT; \
	CIRCLE_HOME=$$home ./$(BIN) assess --answers examples/answers.yaml; \
	echo; echo "(saved in the throwaway $$home, now removed)"

FUZZTIME ?= 30s
# A failing input is written to the package's testdata/fuzz and fails
# `make test` from then on; inputs that only widen coverage stay in
# $(go env GOCACHE)/fuzz, from where they can be copied into testdata/fuzz.
fuzz: ## each fuzz target for FUZZTIME (default 30s)
	$(GO) test ./assess -run '^$$' -fuzz '^FuzzQuestionnaire$$' -fuzztime $(FUZZTIME)
	$(GO) test ./assess -run '^$$' -fuzz '^FuzzAnswers$$' -fuzztime $(FUZZTIME)
	$(GO) test ./assess -run '^$$' -fuzz '^FuzzResult$$' -fuzztime $(FUZZTIME)
	$(GO) test ./cmd -run '^$$' -fuzz '^FuzzResult$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 3s
	$(GO) test ./graph -run '^$$' -fuzz '^FuzzLabelEscaping$$' -fuzztime $(FUZZTIME)
	$(GO) test ./graph/raster -run '^$$' -fuzz '^FuzzRasterize$$' -fuzztime $(FUZZTIME)

docs: ## man pages (docs/man) and Markdown command reference (docs/cli)
	$(GO) run ./cmd/gen-docs -out docs

clean:
	rm -rf bin
