# vgrid: the two commands of the README are `make demo` and `make test`.
SWIFT        ?= swift
CONFIG       ?= debug
BUILD_FLAGS  ?= -c $(CONFIG)
BIN_DIR      := $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path 2>/dev/null || echo .build/$(CONFIG))
VGRID        := $(BIN_DIR)/vgrid
IMAGE_DIR    := images/build/tiny
LAB          ?= labs/intro.yaml
export VGRID_IMAGE_DIR := $(CURDIR)/images/build

.PHONY: all deps build guest images daemons demo test test-deps unit bench clean

all: build

deps:
	scripts/install-deps.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product vgrid

GUEST_BIN_DIR := images/build/guest-bin

GUEST_SCRATCH := .build-guest
# The guest binary is always optimised: gwd, the gatekeepers and every student command run
# under TCG emulation in the lab, and the middleware's numbers are measured with it.
GUEST_CONFIG ?= release

# The guest side (grid-proxy-*, later the middleware): one multi-call binary with the Swift
# runtime linked in, so the busybox image needs only glibc and libstdc++. It has its own
# build folder: static and dynamic links of one product in one folder break each other.
guest: deps
	$(SWIFT) build -c $(GUEST_CONFIG) --scratch-path $(GUEST_SCRATCH) --product vgrid-guest --static-swift-stdlib
	rm -rf $(GUEST_BIN_DIR) && mkdir -p $(GUEST_BIN_DIR)
	strip -o $(GUEST_BIN_DIR)/vgrid-guest $$($(SWIFT) build -c $(GUEST_CONFIG) --scratch-path $(GUEST_SCRATCH) --show-bin-path)/vgrid-guest
	for name in $$($(GUEST_BIN_DIR)/vgrid-guest --list | awk '{print $$1}'); do \
	  ln -sf vgrid-guest $(GUEST_BIN_DIR)/$$name; done

# build.sh decides itself whether anything changed (about 1.5 s when up to date).
images: deps guest
	VGRID_GUEST_BIN_DIR=$(CURDIR)/$(GUEST_BIN_DIR) images/tiny/build.sh $(IMAGE_DIR)

# libvirtd in its own network namespace (see scripts/lab-host.sh).
daemons: deps
	scripts/lab-host.sh start

# The main job: build, make the guest image, start libvirtd, bring labs/intro.yaml up,
# show its status, run a command on every node and make a student's grid proxy.
demo: build images daemons
	VGRID=$(VGRID) scripts/demo.sh $(LAB)

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
