import Foundation
import Testing

/// Tests on real QEMU guests under a real libvirtd (in the network namespace that
/// `make test` made). They share the host, so they run one at a time.
@Suite(.serialized, .enabled(if: Harness.enabled, "set VGRID_INTEGRATION=1 (make test does) to run real-lab tests"))
struct RealLabTests {}
