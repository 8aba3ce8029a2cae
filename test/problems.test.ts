import { Construct } from "constructs";
import { addProblemCheck, fieldText, findProblems, problemText } from "../lib";
import { newStack } from "./util";

describe("lib/problems", () => {
  test("a problem check reports text to cdktf and structure to findProblems", () => {
    const stack = newStack();
    const c = new Construct(stack, "C");
    addProblemCheck(c, () => [{ field: ["bindings", 0, "role"], message: '"root" is not a role;', fix: "use spectro-vm-admin." }]);
    c.node.addValidation({ validate: () => ["someone else's check"] });
    expect(c.node.validate()).toEqual(['bindings[0].role: "root" is not a role; use spectro-vm-admin.', "someone else's check"]);
    expect(findProblems(stack)).toEqual([
      { construct: c, field: ["bindings", 0, "role"], message: '"root" is not a role;', fix: "use spectro-vm-admin." },
      { construct: c, field: [], message: "someone else's check" },
    ]);
  });

  test("rule problems read as cdk-nag findings", () => {
    expect(problemText({ field: ["bindings", 0, "role"], message: "binds cluster-admin.", fix: "bind admin.", ruleId: "VMO-009" })).toBe(
      "[VMO-009] binds cluster-admin. Fix: bind admin.",
    );
    expect(fieldText(["a", 1, "b"])).toBe("a[1].b");
  });
});
