import { render } from 'preact';
import { takeAccessLink } from './access-link.reader';
import { App } from './components/app.view';

render(<App link={takeAccessLink()} />, document.getElementById('app')!);
