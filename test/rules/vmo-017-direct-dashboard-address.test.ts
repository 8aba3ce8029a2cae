import { Construct } from "constructs";
import { AccessMode, PaletteCluster, VmoAddonProfile, VmoClusterAttachment, VmoClusterAttachmentProps } from "../../lib";
import { check, of } from "./helpers";

function attach(s: Construct, accessMode: AccessMode, props: Partial<VmoClusterAttachmentProps> = {}): void {
  const profile = new VmoAddonProfile(s, "P", { name: "vmo", accessMode });
  new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterName(s, "C", "dc-1"), ...props });
}

describe("VMO-017 direct-dashboard-address", () => {
  test("warns (does not fail) for a Direct cluster without its address", () => {
    const r = check((s) => attach(s, AccessMode.DIRECT));
    expect(r.error).toBeUndefined();
    expect(of(r, "VMO-017")).toEqual([
      {
        id: "VMO-017",
        level: "warning",
        path: "test/A",
        text: expect.stringMatching(
          /^\[VMO-017\] cluster "dc-1" runs VMO in Direct access without a dashboard address: .* Fix: After the first deploy, read the address/,
        ),
      },
    ]);
  });

  test.each([
    ["dashboardAddress", { dashboardAddress: "https://198.51.100.42" }],
    ["the variable itself", { variables: { vmo_dashboard_address: "https://198.51.100.42" } }],
    [
      "a literal consoleBaseAddress in packValues",
      {
        packValues: {
          "virtual-machine-orchestrator": {
            charts: { "virtual-machine-orchestrator": { appConfig: { clusterInfo: { consoleBaseAddress: "https://vmo.example.com" } } } },
          },
        },
      },
    ],
  ])("passes with %s", (_what, props) => {
    expect(
      of(
        check((s) => attach(s, AccessMode.DIRECT, props as Partial<VmoClusterAttachmentProps>)),
        "VMO-017",
      ),
    ).toEqual([]);
  });

  test("does not apply to Proxied clusters", () => {
    expect(
      of(
        check((s) => attach(s, AccessMode.PROXIED)),
        "VMO-017",
      ),
    ).toEqual([]);
  });
});
