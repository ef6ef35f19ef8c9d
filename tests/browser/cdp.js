// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe:
// no npm packages, no WebSocket (Debian 12's Node 18 has none). Chromium
// reads commands on fd 3 and writes replies and events on fd 4, each a JSON
// message ended by a NUL byte.
"use strict";
const { spawn } = require("child_process");
const { stopBrowser } = require("./handbook");
const fs = require("fs");
const os = require("os");
const path = require("path");

class Browser {
  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buffer = Buffer.alloc(0);
    proc.stdio[4].on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let end; (end = buffer.indexOf(0)) >= 0; ) {
        const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
  }

  static launch(executable) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fangyi-chromium-"));
    const args = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
      "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank",
    ];
    // Its own process group, so close() can end its helper processes too.
    const proc = spawn(executable, args, { stdio: ["ignore", "pipe", "pipe", "pipe", "pipe"], detached: true });
    proc.stdout.resume();
    proc.stderr.resume();
    return new Browser(proc, profile);
  }

  dispatch(message) {
    if (message.id !== undefined && this.pending.has(message.id)) {
      const { resolve, reject, method } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) reject(new Error(method + ": " + message.error.message));
      else resolve(message.result);
      return;
    }
    for (const l of this.listeners) l(message);
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.proc.stdio[3].write(JSON.stringify(message) + "\0");
    });
  }

  // Every event, as {method, params, sessionId}.
  onEvent(listener) { this.listeners.push(listener); }

  // Resolves with the first event `method` (of `sessionId`) that satisfies
  // `predicate`; rejects after `ms` milliseconds.
  waitFor(method, sessionId, predicate = () => true, ms = 15000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for " + method)), ms);
      const listener = (m) => {
        if (m.method === method && m.sessionId === sessionId && predicate(m.params)) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== listener);
          resolve(m.params);
        }
      };
      this.listeners.push(listener);
    });
  }

  async close() {
    try { await Promise.race([this.send("Browser.close"), new Promise((r) => setTimeout(r, 3000))]); } catch (e) { /* already gone */ }
    await stopBrowser(this.proc, this.profile);
  }
}

module.exports = { Browser };
