// The engine suite in firefox; started by run.mjs, which gives the driver and the server.
import { engineSuite } from "./suite.mjs";

const drivers = JSON.parse(process.env.ENGINE_DRIVERS ?? "{}");
engineSuite("firefox", { driverUrl: drivers.firefox, base: process.env.ENGINE_BASE });
