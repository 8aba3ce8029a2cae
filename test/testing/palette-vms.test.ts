// The simulated Palette VM API without terraform: Kubernetes' canonical quantities and KubeVirt's run strategies.
import { buildModule } from "./helpers";
import type * as VmsModule from "../../lib/testing/palette-vms";

const vms = buildModule<typeof VmsModule>("palette-vms");

describe("canonicalQuantity (apimachinery resource.Quantity canonical form)", () => {
  test.each([
    ["2Gi", "2Gi"],
    ["2048Mi", "2Gi"],
    ["1536Mi", "1536Mi"],
    ["1.5Gi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["1024Ki", "1Mi"],
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["0.5", "500m"],
    ["1", "1"],
    ["2000M", "2G"],
    ["1024", "1024"],
    ["0", "0"],
    ["0Gi", "0"],
    ["10Gi", "10Gi"],
    ["not a quantity", "not a quantity"],
  ])("%s -> %s", (q, expected) => {
    expect(vms.canonicalQuantity(q)).toBe(expected);
  });
});

describe("statusFor (KubeVirt run strategies)", () => {
  test.each([
    ["Always", false, "Stopped", "Running"],
    ["RerunOnFailure", false, "Stopped", "Running"],
    ["Halted", false, "Running", "Stopped"],
    ["Manual", false, "Paused", "Paused"],
    ["", true, "Stopped", "Running"],
    ["", false, "Running", "Stopped"],
  ])("%s (running %s) from %s is %s", (strategy, running, current, expected) => {
    expect(vms.statusFor(strategy as string, running as boolean, current as string)).toBe(expected);
  });
});
