/// The OpenAPI document served at `/v1/openapi.json`: a copy of docs/openapi.json (a test checks
/// that they are the same and that every route is in it). After editing docs/openapi.json, run
/// scripts/server/embed-openapi.sh.
enum OpenAPIDocument {
    static let text = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Rendement server",
    "version": "1.0.0",
    "description": "Runs Rendement jobs (run, sensitivity, sweep, compare, claim, report) on a shared server. Every route but /health needs 'Authorization: Bearer <token>'. Results are exactly the CLI's JSON for the same scenario file name, seed and samples. POST /v1/check checks a scenario without submitting it; GET /v1/jobs/{id}/view is a job's result as the web page shows it. See docs/server.md."
  },
  "servers": [
    {
      "url": "http://127.0.0.1:8080"
    }
  ],
  "security": [
    {
      "bearer": []
    }
  ],
  "paths": {
    "/health": {
      "get": {
        "summary": "Liveness (no token needed)",
        "security": [],
        "operationId": "health",
        "responses": {
          "200": {
            "description": "The server is up",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "status": {
                      "type": "string",
                      "const": "ok"
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics (text format)",
        "operationId": "metrics",
        "responses": {
          "200": {
            "description": "Metrics",
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/": {
      "get": {
        "summary": "The web page (answers 401 with the page itself when no token is sent; the page asks for the token)",
        "operationId": "webPage",
        "responses": {
          "200": {
            "description": "The page",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "The page, asking for a token",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/v1/openapi.json": {
      "get": {
        "summary": "This document",
        "operationId": "openapi",
        "responses": {
          "200": {
            "description": "The OpenAPI document",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/check": {
      "post": {
        "summary": "Check a scenario (and optionally a job's kind and options) without submitting it",
        "description": "Checked exactly as a submission is, in a `rendement plan` child process with a time and memory limit; nothing is queued. The answer lists the diagnostics with line, column, field, message and hint: the errors of an invalid scenario, or the warnings of a valid one.",
        "operationId": "checkScenario",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CheckRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The check ran: valid or not, with the diagnostics",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CheckResult"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than --max-body",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "422": {
            "description": "The request is malformed (not a JSON object, an unknown field or option, a value of the wrong type), or the checker itself failed",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "429": {
            "description": "Too many checks are running at once; retry after Retry-After seconds",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "schema": {
                  "type": "integer"
                },
                "description": "Seconds to wait"
              }
            }
          }
        }
      }
    },
    "/v1/jobs": {
      "post": {
        "summary": "Submit a job",
        "operationId": "submitJob",
        "parameters": [
          {
            "name": "Idempotency-Key",
            "in": "header",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 200
            },
            "description": "Retrying with the same key and body returns the same job (200); the same key with another body is refused (409)."
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/JobRequest"
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "Accepted and queued",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Accepted"
                }
              }
            },
            "headers": {
              "Location": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "200": {
            "description": "The job already submitted with this Idempotency-Key",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Accepted"
                }
              }
            }
          },
          "400": {
            "description": "A bad Idempotency-Key header",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The Idempotency-Key was used with another request",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than --max-body",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "422": {
            "description": "The request or the scenario is invalid (scenario errors list file, line, column and field, as the CLI prints them)",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Invalid"
                }
              }
            }
          },
          "429": {
            "description": "The queue is full (--max-queued)",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "schema": {
                  "type": "integer"
                },
                "description": "Seconds to wait"
              }
            }
          }
        }
      },
      "get": {
        "summary": "List jobs, newest first",
        "operationId": "listJobs",
        "parameters": [
          {
            "name": "status",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/Status"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 50
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "schema": {
              "type": "string"
            },
            "description": "next_cursor of the previous page"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of jobs",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "jobs": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Job"
                      }
                    },
                    "next_cursor": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "description": "A bad query parameter",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}": {
      "get": {
        "summary": "A job's status, progress, timings and error",
        "operationId": "getJob",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "The job's id"
          }
        ],
        "responses": {
          "200": {
            "description": "The job",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such job",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      },
      "delete": {
        "summary": "Cancel a job",
        "operationId": "cancelJob",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "The job's id"
          }
        ],
        "responses": {
          "200": {
            "description": "Cancelled (it was queued)",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "202": {
            "description": "Stopping (it was running)",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Job"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such job",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The job has already finished",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}/result": {
      "get": {
        "summary": "The result: exactly the CLI's JSON (for report jobs, the report's result.json)",
        "operationId": "getResult",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "The job's id"
          }
        ],
        "responses": {
          "200": {
            "description": "The CLI's JSON document",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such job",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The job has not succeeded",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}/view": {
      "get": {
        "summary": "The job's view: an HTML fragment of its result (tables and inline SVG figures), as the web page shows it",
        "description": "Written by the job's child process with `--view`; for a report job, its self-contained report.html. Every text in it is escaped and it holds no script; it is served with a Content-Security-Policy that forbids scripts and loads.",
        "operationId": "getView",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "The job's id"
          }
        ],
        "responses": {
          "200": {
            "description": "The HTML fragment (a <section class=\"rv rv-KIND\">)",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such job, or the job has no view (it ran before the server kept views)",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The job has not succeeded",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}/request": {
      "get": {
        "summary": "The request that made the job: kind, scenario and options (a body POST /v1/jobs accepts again)",
        "operationId": "getJobRequest",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "The job's id"
          }
        ],
        "responses": {
          "200": {
            "description": "The request",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/JobRequest"
                }
              }
            }
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such job",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/v1/jobs/{id}/files/{name}": {
      "get": {
        "summary": "A file of a report job (figures, tables, report.md)",
        "operationId": "getFile",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "The job's id"
          },
          {
            "name": "name",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            },
            "description": "A plain file name from the job's files list"
          }
        ],
        "responses": {
          "200": {
            "description": "The file (image/svg+xml, text/csv, text/markdown or application/json)"
          },
          "401": {
            "description": "No valid bearer token",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "No such job or file",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "The job has not succeeded",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer"
      }
    },
    "schemas": {
      "Status": {
        "type": "string",
        "enum": [
          "queued",
          "running",
          "succeeded",
          "failed",
          "cancelled"
        ]
      },
      "JobRequest": {
        "type": "object",
        "required": [
          "kind",
          "scenario"
        ],
        "additionalProperties": false,
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "run",
              "sensitivity",
              "sweep",
              "compare",
              "claim",
              "report"
            ]
          },
          "scenario": {
            "type": "string",
            "description": "The scenario's YAML or JSON text"
          },
          "options": {
            "type": "object",
            "description": "The CLI's long options for this kind, e.g. {\"samples\": 100000, \"seed\": 7}. run: samples, seed, threads, design, target-se, max-samples, variant, by-year (true or false); sensitivity: samples, seed, threads, design, method, tornado, variant, rows, sobol-samples, replicates, sobol-outputs, sobol-design; sweep: samples, seed, threads, design, vary (a list), break-even, level, variant; compare: samples, seed, threads, design, variants; claim: samples, seed, threads, design, bcr, npv, bcr-range, variant; report: samples, seed, threads, design, variant, date.",
            "additionalProperties": {
              "oneOf": [
                {
                  "type": "number"
                },
                {
                  "type": "string"
                },
                {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              ]
            }
          }
        }
      },
      "Accepted": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/Status"
          }
        }
      },
      "Job": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "kind": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/Status"
          },
          "progress": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0,
            "maximum": 1
          },
          "options": {
            "type": "object"
          },
          "attempts": {
            "type": "integer",
            "description": "How many times the job was started (2 or more after a crash or restart)"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "started_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "finished_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "queued_seconds": {
            "type": "number"
          },
          "run_seconds": {
            "type": [
              "number",
              "null"
            ]
          },
          "error": {
            "type": [
              "string",
              "null"
            ],
            "description": "Why it failed: the CLI's error text"
          },
          "files": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string"
                },
                "url": {
                  "type": "string"
                }
              }
            }
          },
          "links": {
            "type": "object",
            "description": "self, result, request and view",
            "additionalProperties": {
              "type": "string"
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "properties": {
          "error": {
            "type": "string"
          },
          "field": {
            "type": "string"
          }
        }
      },
      "Invalid": {
        "type": "object",
        "properties": {
          "error": {
            "type": "string"
          },
          "field": {
            "type": "string"
          },
          "text": {
            "type": "string",
            "description": "The diagnostics exactly as the CLI prints them"
          },
          "diagnostics": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "severity": {
                  "type": "string"
                },
                "file": {
                  "type": "string"
                },
                "line": {
                  "type": "integer"
                },
                "column": {
                  "type": "integer"
                },
                "field": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                },
                "hint": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "CheckRequest": {
        "type": "object",
        "required": [
          "scenario"
        ],
        "additionalProperties": false,
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "run",
              "sensitivity",
              "sweep",
              "compare",
              "claim",
              "report"
            ],
            "description": "The job kind whose options are checked too (default run)"
          },
          "scenario": {
            "type": "string",
            "description": "The scenario's YAML or JSON text"
          },
          "options": {
            "type": "object",
            "description": "The CLI's long options for this kind, e.g. {\"samples\": 100000, \"seed\": 7}. run: samples, seed, threads, design, target-se, max-samples, variant, by-year (true or false); sensitivity: samples, seed, threads, design, method, tornado, variant, rows, sobol-samples, replicates, sobol-outputs, sobol-design; sweep: samples, seed, threads, design, vary (a list), break-even, level, variant; compare: samples, seed, threads, design, variants; claim: samples, seed, threads, design, bcr, npv, bcr-range, variant; report: samples, seed, threads, design, variant, date.",
            "additionalProperties": {
              "oneOf": [
                {
                  "type": "number"
                },
                {
                  "type": "string"
                },
                {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              ]
            }
          }
        }
      },
      "CheckResult": {
        "type": "object",
        "required": [
          "valid",
          "diagnostics"
        ],
        "properties": {
          "valid": {
            "type": "boolean",
            "description": "Whether a submission of this request would be accepted (queue permitting)"
          },
          "diagnostics": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "severity": {
                  "type": "string"
                },
                "file": {
                  "type": "string"
                },
                "line": {
                  "type": "integer"
                },
                "column": {
                  "type": "integer"
                },
                "field": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                },
                "hint": {
                  "type": "string"
                }
              }
            }
          },
          "error": {
            "type": "string",
            "description": "Why it is not valid"
          },
          "field": {
            "type": "string",
            "description": "The option or field to blame, when one is"
          },
          "text": {
            "type": "string",
            "description": "An invalid scenario's diagnostics exactly as the CLI prints them"
          },
          "model_runs": {
            "type": "integer",
            "description": "The model runs the job would make"
          },
          "memory_bytes": {
            "type": "integer",
            "description": "The memory the job would need (an upper estimate)"
          },
          "max_model_runs": {
            "type": "integer"
          }
        }
      }
    }
  }
}
"""#
}
