export default function Home() {
  return <main><h1>launchguard test site</h1></main>;
}
