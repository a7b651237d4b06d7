# vgrid: the two commands of the README are `make demo` and `make test`.
SWIFT        ?= swift
CONFIG       ?= debug
BUILD_FLAGS  ?= -c $(CONFIG)
VGRID        := .build/$(CONFIG)/vgrid
IMAGE_DIR    := images/build/tiny
LAB          ?= labs/intro.yaml
export VGRID_IMAGE_DIR := $(CURDIR)/images/build

.PHONY: all deps build images daemons demo test test-deps unit bench clean

all: build

deps:
	scripts/install-deps.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product vgrid

# build.sh decides itself whether anything changed (about 1.5 s when up to date).
images: deps
	images/tiny/build.sh $(IMAGE_DIR)

# libvirtd in its own network namespace (see scripts/lab-host.sh).
daemons: deps
	scripts/lab-host.sh start

# The main job: build, make the guest image, start libvirtd, bring the intro lab up,
# show it, and run a command on every node through the guest agent.
demo: build images daemons
	$(VGRID) up $(LAB)
	$(VGRID) status $(LAB)
	for n in $$($(VGRID) status $(LAB) --names); do $(VGRID) exec $$n -- hostname; done

# Every test: unit tests and the real-lab integration tests (libvirtd in a namespace).
test: build images daemons test-deps
	VGRID_INTEGRATION=1 $(SWIFT) test $(BUILD_FLAGS) --no-parallel

# The Globus tools and openssl are the independent checkers of the lab CA's files.
test-deps: deps
	scripts/install-deps.sh globus-proxy-utils globus-gsi-cert-utils-progs

unit: deps
	$(SWIFT) test $(BUILD_FLAGS) --skip IntegrationTests

bench: build images daemons
	bench/run.sh

clean:
	rm -rf .build images/build
