// The engine suite in webkit; started by run.mjs, which gives the driver and the server.
import { engineSuite } from "./suite.mjs";

const drivers = JSON.parse(process.env.ENGINE_DRIVERS ?? "{}");
engineSuite("webkit", { driverUrl: drivers.webkit, base: process.env.ENGINE_BASE });
