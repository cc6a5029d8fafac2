#!/usr/bin/env node
// Checks partyorg's published contracts with a validator that is not Python: Ajv, strict mode.
//
//   npm ci && node validate.js [FILE ...]
//
// Compiles envelope.schema.json and every events/**/*.json in strict mode (unknown keywords,
// unknown formats, loose types all fail), checks each event schema's $id against its path and
// topics.json, then validates every envelope in FILEs and its `data` against the schema whose
// $id is urn:partyorg:event:<type>:v<schema_version>. A FILE is one JSON envelope, a JSON array
// of envelopes, or JSON Lines (one compact envelope a line, as a Kafka consumer prints them).
// Problems go to stderr, one a line; exit status 1 if there are any.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const CONTRACTS = path.resolve(__dirname, "..");
const ENVELOPE_ID = "urn:partyorg:envelope:v1";
const eventId = (type, version) => `urn:partyorg:event:${type}:v${version}`;

function schemaFiles() {
  const out = ["envelope.schema.json"];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(CONTRACTS, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith(".json")) out.push(relative);
    }
  };
  walk("events");
  return out.sort();
}

// events/<service>/<Name>.v<N>.json -> urn:partyorg:event:<service>.<Name>:v<N>
function idForPath(relative) {
  const match = /^events\/([^/]+)\/([^/]+)\.v(\d+)\.json$/.exec(relative);
  return match ? eventId(`${match[1]}.${match[2]}`, match[3]) : ENVELOPE_ID;
}

function compileAll(ajv, problems) {
  const files = schemaFiles();
  for (const relative of files) {
    const schema = JSON.parse(fs.readFileSync(path.join(CONTRACTS, relative), "utf8"));
    if (schema.$id !== idForPath(relative)) {
      problems.push(`${relative}: $id is ${schema.$id}, expected ${idForPath(relative)}`);
    }
    try {
      ajv.compile(schema);
    } catch (error) {
      problems.push(`${relative}: does not compile in Ajv strict mode: ${error.message}`);
    }
  }
  const topics = JSON.parse(fs.readFileSync(path.join(CONTRACTS, "topics.json"), "utf8"));
  for (const topic of topics.topics) {
    for (const event of topic.events) {
      for (const { version, schema } of event.versions) {
        if (idForPath(schema) !== eventId(event.type, version)) {
          problems.push(`topics.json: ${event.type} v${version} points at ${schema}`);
        }
      }
    }
  }
  return files.length;
}

function envelopesIn(file) {
  const text = fs.readFileSync(file, "utf8");
  try {
    const whole = JSON.parse(text);
    return (Array.isArray(whole) ? whole : [whole]).map((envelope, i) => [`${file}[${i}]`, envelope]);
  } catch {
    return text.split("\n").flatMap((line, i) =>
      line.trim() ? [[`${file}:${i + 1}`, JSON.parse(line)]] : []);
  }
}

function errorsOf(validate, where) {
  return (validate.errors || []).map((e) => `${where} ${e.instancePath || "/"}: ${e.message}` +
    (e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ""));
}

function validateEnvelopes(ajv, files, problems) {
  const envelope = ajv.getSchema(ENVELOPE_ID);
  let count = 0;
  for (const file of files) {
    for (const [where, message] of envelopesIn(file)) {
      count += 1;
      if (!envelope(message)) {
        problems.push(...errorsOf(envelope, `${where}: envelope`));
        continue;
      }
      const id = eventId(message.type, message.schema_version);
      const data = ajv.getSchema(id);
      if (!data) problems.push(`${where}: no published schema ${id}`);
      else if (!data(message.data)) problems.push(...errorsOf(data, `${where}: ${id} data`));
    }
  }
  return count;
}

function main(files) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const problems = [];
  const schemas = compileAll(ajv, problems);
  const envelopes = problems.length ? 0 : validateEnvelopes(ajv, files, problems);
  for (const problem of problems) console.error(problem);
  console.log(`${schemas} schemas compiled by Ajv ${require("ajv/package.json").version} ` +
    `(strict), ${envelopes} envelopes checked, ${problems.length} problems`);
  return problems.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
