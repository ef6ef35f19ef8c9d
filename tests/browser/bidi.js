// A minimal WebDriver BiDi client for headless Firefox: no npm packages.
// Firefox serves BiDi on a WebSocket (--remote-debugging-port) and Debian
// 12's Node 18 has no WebSocket client, so this speaks the few parts of RFC
// 6455 BiDi needs: the upgrade handshake, masked text frames out, text,
// continuation, ping and close frames in.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const { stopBrowser } = require("./handbook");

// Preferences for a profile that stays off the network: no updates, telemetry,
// remote settings, safe-browsing lists, captive-portal or connectivity
// probes, and every remaining request sent to a proxy that does not exist
// (port 9, "discard", refused locally), so nothing can leave the machine even
// if a Firefox version adds a service these do not name. Loopback is not
// proxied: the test's own probe server is there.
const PREFS = {
  "app.update.disabledForTesting": true,
  "app.normandy.enabled": false,
  "app.normandy.api_url": "",
  "app.shield.optoutstudies.enabled": false,
  "browser.aboutwelcome.enabled": false,
  "browser.contentblocking.report.lockwise.enabled": false,
  "browser.newtabpage.enabled": false,
  "browser.ping-centre.telemetry": false,
  "browser.region.network.url": "",
  "browser.region.update.enabled": false,
  "browser.safebrowsing.blockedURIs.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.provider.google4.updateURL": "",
  "browser.safebrowsing.provider.mozilla.updateURL": "",
  "browser.search.update": false,
  "browser.sessionstore.resume_from_crash": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.startup.page": 0,
  "browser.tabs.warnOnClose": false,
  "browser.topsites.contile.enabled": false,
  "browser.urlbar.suggest.quicksuggest.sponsored": false,
  "browser.newtabpage.activity-stream.feeds.system.topstories": false,
  "browser.newtabpage.activity-stream.feeds.section.topstories": false,
  "captivedetect.canonicalURL": "",
  "datareporting.healthreport.uploadEnabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.usage.uploadEnabled": false,
  "dom.ipc.reportProcessHangs": false,
  "extensions.blocklist.enabled": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.update.enabled": false,
  "geo.provider.network.url": "",
  "media.gmp-manager.url": "",
  "media.gmp-gmpopenh264.enabled": false,
  "messaging-system.rsexperimentloader.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "network.dns.disablePrefetch": true,
  "network.http.speculative-parallel-limit": 0,
  "network.prefetch-next": false,
  "network.proxy.type": 1,
  "network.proxy.http": "127.0.0.1",
  "network.proxy.http_port": 9,
  "network.proxy.ssl": "127.0.0.1",
  "network.proxy.ssl_port": 9,
  "network.proxy.socks": "127.0.0.1",
  "network.proxy.socks_port": 9,
  "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
  "network.proxy.allow_hijacking_localhost": false,
  "network.trr.mode": 5,
  "remote.prefs.recommended": true,
  "security.remote_settings.crlite_filters.enabled": false,
  "services.settings.server": "http://127.0.0.1:9/v1",
  "services.sync.enabled": false,
  "toolkit.telemetry.enabled": false,
  "toolkit.telemetry.server": "",
  "toolkit.telemetry.reportingpolicy.firstRun": false,
};

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

class WebSocketClient {
  // Resolves once the upgrade handshake to ws://host:port/resource succeeded.
  static connect(host, port, resource) {
    return new Promise((resolve, reject) => {
      const key = crypto.randomBytes(16).toString("base64");
      const socket = net.connect(port, host);
      let head = Buffer.alloc(0);
      const onData = (chunk) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        socket.removeListener("data", onData);
        const lines = head.subarray(0, end).toString("latin1").split("\r\n");
        const accept = lines.find((l) => /^sec-websocket-accept:/i.test(l));
        const expected = crypto.createHash("sha1").update(key + GUID).digest("base64");
        if (!/^HTTP\/1\.1 101/.test(lines[0]) || !accept || accept.split(":")[1].trim() !== expected) {
          socket.destroy();
          reject(new Error("WebSocket handshake refused: " + lines[0]));
          return;
        }
        const ws = new WebSocketClient(socket);
        resolve(ws);
        ws.receive(head.subarray(end + 4));
      };
      socket.on("data", onData);
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.write(`GET ${resource} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
                     `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      });
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.fragments = [];
    this.onmessage = () => {};
    this.onclose = () => {};
    socket.on("data", (chunk) => this.receive(chunk));
    socket.on("close", () => this.onclose());
    socket.on("error", () => {});
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return;
      const fin = (b[0] & 0x80) !== 0, opcode = b[0] & 0x0f, masked = (b[1] & 0x80) !== 0;
      let length = b[1] & 0x7f, at = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      const mask = masked ? b.subarray(at, at + 4) : null;
      if (masked) at += 4;
      if (b.length < at + length) return;
      const payload = Buffer.from(b.subarray(at, at + length));
      this.buffer = b.subarray(at + length);
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      if (opcode === 0x8) {
        this.socket.end();
        return;
      }
      if (opcode === 0x9) {
        this.frame(0xa, payload);
        continue;
      }
      if (opcode === 0xa) continue;
      this.fragments.push(payload);
      if (fin) {
        const message = Buffer.concat(this.fragments).toString("utf8");
        this.fragments = [];
        this.onmessage(message);
      }
    }
  }

  // One frame, masked as a client must.
  frame(opcode, payload) {
    const mask = crypto.randomBytes(4);
    let header;
    if (payload.length < 126) {
      header = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
    } else if (payload.length < 65536) {
      header = Buffer.alloc(4);
      header[0] = 0x80 | opcode;
      header[1] = 0x80 | 126;
      header.writeUInt16BE(payload.length, 2);
    } else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(payload.length), 2);
    }
    const body = Buffer.from(payload);
    for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3];
    this.socket.write(Buffer.concat([header, mask, body]));
  }

  send(text) { this.frame(0x1, Buffer.from(text, "utf8")); }
  close() { this.socket.destroy(); }
}

class Firefox {
  // Starts headless Firefox on a fresh profile and opens a BiDi session.
  // Firefox picks a free port (0) and prints "WebDriver BiDi listening on
  // ws://127.0.0.1:PORT" on stderr; startup may be slow on a loaded machine.
  static async launch(executable, startupMs = 120000) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "fangyi-firefox-"));
    fs.writeFileSync(path.join(profile, "user.js"),
                     Object.entries(PREFS).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});\n`).join(""));
    const args = ["--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "about:blank"];
    // Its own process group, so close() ends the content processes too.
    const proc = spawn(executable, args, {
      stdio: ["ignore", "pipe", "pipe"], detached: true,
      env: Object.assign({}, process.env, { MOZ_CRASHREPORTER_DISABLE: "1", MOZ_DISABLE_AUTO_SAFE_MODE: "1" }),
    });
    const browser = new Firefox(proc, profile);
    try {
      const endpoint = await new Promise((resolve, reject) => {
        let log = "";
        const timer = setTimeout(() => reject(new Error("Firefox did not start in " + startupMs + " ms:\n" + log)), startupMs);
        proc.stdout.resume();
        proc.stderr.on("data", (chunk) => {
          log += chunk.toString("utf8");
          const m = /WebDriver BiDi listening on ws:\/\/([^:/\s]+):(\d+)/.exec(log);
          if (m) {
            clearTimeout(timer);
            resolve({ host: m[1], port: +m[2] });
          }
        });
        proc.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error("Firefox exited (" + code + ") before listening:\n" + log));
        });
      });
      browser.ws = await WebSocketClient.connect(endpoint.host, endpoint.port, "/session");
      browser.ws.onmessage = (text) => browser.dispatch(JSON.parse(text));
      browser.ws.onclose = () => {
        for (const { reject, method } of browser.pending.values()) reject(new Error(method + ": connection closed"));
        browser.pending.clear();
      };
      await browser.send("session.new", { capabilities: {} });
    } catch (e) {
      await browser.close();
      throw e;
    }
    return browser;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.ws = null;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
  }

  dispatch(message) {
    if (message.type === "success" || message.type === "error") {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.type === "error") waiting.reject(new Error(waiting.method + ": " + message.error + ": " + message.message));
      else waiting.resolve(message.result);
      return;
    }
    if (message.type === "event") for (const l of this.listeners) l(message);
  }

  send(method, params = {}, ms = 60000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(method + ": no answer in " + ms + " ms"));
      }, ms);
      this.pending.set(id, {
        method,
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  // Every event, as {method, params}.
  onEvent(listener) { this.listeners.push(listener); }

  // Resolves with the first event `method` whose params satisfy `predicate`.
  waitFor(method, predicate = () => true, ms = 60000) {
    return new Promise((resolve, reject) => {
      const listener = (m) => {
        if (m.method === method && predicate(m.params)) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== listener);
          resolve(m.params);
        }
      };
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error("timed out waiting for " + method));
      }, ms);
      this.listeners.push(listener);
    });
  }

  async close() {
    if (this.ws) {
      try { await this.send("browser.close", {}, 5000); } catch (e) { /* already gone */ }
      this.ws.close();
    }
    await stopBrowser(this.proc, this.profile);
  }
}

module.exports = { Firefox };
