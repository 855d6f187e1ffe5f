import { expect, test } from "./fixtures";
import { LiveEditorPage, openContext, workflowIdOf } from "./pages/live";

// "Within 1 s" of the change being saved in A; the save itself is debounced and awaited first.
const WITHIN = { timeout: 1_000 };

async function newWorkflow(editor: LiveEditorPage) {
  await editor.page.goto("/workflows");
  await editor.page.getByRole("button", { name: "New workflow" }).first().click();
  await editor.page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await editor.ready();
  await editor.live();
  return workflowIdOf(editor.page);
}

/** A new workflow in A with a trigger and a tool node, saved. */
async function workflowWithTwoNodes(a: LiveEditorPage) {
  const workflowId = await newWorkflow(a);
  const trigger = await a.addFromPalette("Manual trigger");
  // A new node lands clear of the others (below the trigger here): each can be grabbed on every canvas.
  const tool = await a.addFromPalette("MCP tool");
  await a.expectSaved();
  return { workflowId, trigger, tool };
}

test.describe("Neural Transition", () => {
  test("two tabs of one user: B follows A's moves, additions, connections, deletions and renames live", async ({
    browser,
    loggedInPage,
    workerUser,
    signIn,
  }) => {
    const a = new LiveEditorPage(loggedInPage);
    const { workflowId, trigger, tool } = await workflowWithTwoNodes(a);

    const tabB = await openContext(browser, signIn, workerUser);
    const b = tabB.editor;
    await b.open(workflowId);
    await expect(b.nodes).toHaveCount(2);
    await expect(a.presence).toHaveCount(1);
    await expect(b.presence).toHaveCount(1);

    // Up and to the left: well inside the canvas, where dragging and connecting never auto-pan it.
    await a.drag(tool, -220, -100);
    await a.expectSaved();
    const moved = (await a.positions())[tool];
    await expect(b.node(tool)).toHaveAttribute(
      "style",
      new RegExp(`transform: ${escapeRegExp(moved)}`),
      WITHIN,
    );

    await a.connect(trigger, tool);
    await expect(a.edges).toHaveCount(1);
    await a.expectSaved();
    await expect(b.edges).toHaveCount(1, WITHIN);

    const note = await a.addFromPalette("Note");
    await a.expectSaved();
    await expect(b.node(note)).toBeVisible(WITHIN);

    await a.select(note);
    await a.page.keyboard.press("Delete");
    await a.expectSaved();
    await expect(b.node(note)).toHaveCount(0, WITHIN);

    await a.rename("Renamed live");
    await expect(b.title).toHaveText("Renamed live", WITHIN);

    // Remote changes are not B's to undo.
    await expect(b.page.getByRole("button", { name: "Undo" })).toBeDisabled();
    const seenByA = await a.snapshot();
    await expect.poll(() => b.snapshot()).toEqual(seenByA);

    // A's pointer shows on B's canvas.
    const box = await a.canvas.boundingBox();
    if (!box) throw new Error("canvas not visible");
    await a.page.mouse.move(box.x + 200, box.y + 150);
    await a.page.mouse.move(box.x + 240, box.y + 170, { steps: 4 });
    await expect(b.cursors).toHaveCount(1);
    await tabB.context.close();
    await expect(a.presence).toHaveCount(0);
  });

  test("another user never receives A's changes and cannot open A's workflow", async ({
    browser,
    loggedInPage,
    makeUser,
    signIn,
  }) => {
    const a = new LiveEditorPage(loggedInPage);
    const workflowId = await newWorkflow(a);

    const other = await openContext(browser, signIn, await makeUser("intruder"));
    const frames: string[] = [];
    other.page.on("websocket", (socket) => {
      socket.on("framereceived", ({ payload }) =>
        frames.push(typeof payload === "string" ? payload : payload.toString("utf8")),
      );
    });
    // The intruder has a live canvas of their own, so their socket is open and subscribed.
    const ownId = await newWorkflow(other.editor);

    const node = await a.addFromPalette("Note");
    await a.drag(node, 80, 40);
    await a.rename("Secret plan");
    await a.expectSaved();

    await other.page.goto(`/workflows/${workflowId}`);
    await expect(other.page.getByText(/does not exist or is not yours/)).toBeVisible();
    await expect(other.editor.canvas).toHaveCount(0);
    // The intruder's socket carried its own channel's traffic, and nothing of A's.
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.some((f) => f.includes(ownId))).toBe(true);
    for (const secret of [workflowId, node, "Secret plan"]) {
      expect(frames.filter((f) => f.includes(secret))).toEqual([]);
    }
    await other.context.close();
  });

  test("B's socket drops; A changes the graph; B reconnects and converges to the saved graph", async ({
    browser,
    loggedInPage,
    workerUser,
    signIn,
  }) => {
    const a = new LiveEditorPage(loggedInPage);
    const { workflowId, trigger: first, tool: second } = await workflowWithTwoNodes(a);

    const tabB = await openContext(browser, signIn, workerUser);
    let down = false;
    const sockets: { close: () => Promise<void> }[] = [];
    await tabB.page.routeWebSocket(/\/realtime\/v1\/websocket/, (socket) => {
      if (down) {
        void socket.close({ code: 1011, reason: "test: network down" });
        return;
      }
      socket.connectToServer();
      sockets.push(socket);
    });
    const b = tabB.editor;
    await b.open(workflowId);
    await expect(b.nodes).toHaveCount(2);

    down = true;
    await Promise.all(sockets.map((socket) => socket.close()));
    await expect(b.liveStatus).toHaveAttribute("data-state", "reconnecting");

    await a.drag(second, -200, 40);
    const third = await a.addFromPalette("Note");
    await a.connect(first, second);
    await expect(a.edges).toHaveCount(1);
    await a.select(first);
    await a.page.keyboard.press("Delete");
    await a.expectSaved();
    await expect(b.node(third)).toHaveCount(0);

    down = false;
    await b.live();
    await expect.poll(() => b.snapshot(), { timeout: 5_000 }).toEqual(await a.snapshot());
    await expect(b.node(first)).toHaveCount(0);

    // And the reloaded canvas is the stored one.
    await b.page.reload();
    await b.ready();
    await expect.poll(() => b.snapshot()).toEqual(await a.snapshot());
    await tabB.context.close();
  });
});

test.describe("Neural Transition, motion and drags", () => {
  test("a new node arrives with the glow; with prefers-reduced-motion it simply appears", async ({
    browser,
    loggedInPage,
    workerUser,
    signIn,
  }) => {
    const a = new LiveEditorPage(loggedInPage);
    const { workflowId } = await workflowWithTwoNodes(a);
    const moving = await openContext(browser, signIn, workerUser);
    const still = await openContext(browser, signIn, workerUser, { reducedMotion: "reduce" });
    await moving.editor.open(workflowId);
    await still.editor.open(workflowId);

    const added = await a.addFromPalette("Note");
    await a.expectSaved();
    await expect(moving.editor.node(added)).toHaveClass(/_enter/);
    await expect(moving.editor.node(added)).not.toHaveClass(/_enter/);
    await expect(still.editor.node(added)).toBeVisible();
    await expect(still.editor.node(added)).not.toHaveClass(/_enter/);
    // A's own additions never animate.
    await expect(a.node(added)).not.toHaveClass(/_enter/);
    await moving.context.close();
    await still.context.close();
  });

  test("a node B is dragging stays under B's pointer when A moves it; B's drop wins and is saved", async ({
    browser,
    loggedInPage,
    workerUser,
    signIn,
  }) => {
    const a = new LiveEditorPage(loggedInPage);
    const { workflowId, tool } = await workflowWithTwoNodes(a);
    const tabB = await openContext(browser, signIn, workerUser);
    const b = tabB.editor;
    await b.open(workflowId);

    const box = await b.node(tool).boundingBox();
    if (!box) throw new Error("node not visible");
    const grab = { x: box.x + box.width / 2, y: box.y + 12 };
    await b.page.mouse.move(grab.x, grab.y);
    await b.page.mouse.down();
    await b.page.mouse.move(grab.x - 60, grab.y - 40, { steps: 6 });
    const held = (await b.positions())[tool];

    await a.drag(tool, 200, -100);
    await a.expectSaved();
    const movedByA = (await a.positions())[tool];
    expect(movedByA).not.toBe(held);
    // The change reached B while it held the node: the node stays where B holds it.
    await expect(b.node(tool)).not.toHaveAttribute("style", new RegExp(escapeRegExp(movedByA)), {
      timeout: 1_500,
    });
    expect((await b.positions())[tool]).toBe(held);

    await b.page.mouse.move(grab.x - 80, grab.y - 50, { steps: 3 });
    await b.page.mouse.up();
    await b.expectSaved();
    const dropped = (await b.positions())[tool];
    await expect.poll(async () => (await a.positions())[tool]).toBe(dropped);
    await tabB.context.close();
  });
});

function escapeRegExp(text: string | undefined): string {
  if (!text) throw new Error("node has no position");
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
