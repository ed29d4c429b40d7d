/** Keep the test site self-contained: no telemetry, no image optimisation downloads. */
const config = {
  images: { unoptimized: true },
};
export default config;
