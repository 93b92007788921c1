// Progressive enhancement only: every control works without this script (links to /prefs).
// With it, the font size and care mode switch without a reload, and 打印 opens the print dialog.
(() => {
  const year = 365 * 24 * 3600;
  const setCookie = (name, value) => {
    document.cookie = `${name}=${value}; path=/; max-age=${year}; samesite=lax`;
  };
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a');
    if (!link) return;
    const root = document.documentElement;
    if (link.dataset.font) {
      event.preventDefault();
      root.classList.remove('font-small', 'font-medium', 'font-large');
      root.classList.add(`font-${link.dataset.font}`);
      setCookie('gk_font', link.dataset.font);
      for (const a of document.querySelectorAll('a[data-font]')) {
        if (a === link) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
      }
    } else if (link.dataset.care) {
      event.preventDefault();
      const on = link.dataset.care === '1';
      root.classList.toggle('care', on);
      setCookie('gk_care', on ? '1' : '0');
      link.dataset.care = on ? '0' : '1';
      link.textContent = on ? '退出关怀版' : '关怀版';
    } else if (link.dataset.print) {
      event.preventDefault();
      window.print();
    }
  });
})();
