"""Demo text of the portal's information pages (About, Privacy, Contact, Accessibility
statement) in the six languages: {kind: {language: (title, slug, body HTML)}}."""

ABOUT = {
    "en": (
        "About the portal",
        "about",
        "<p>The Protection & Training Portal is published by the migrant protection and "
        "assistance division. It brings together the guidance, standards, tools and courses "
        "that government officials and their partners use to identify, protect and assist "
        "migrants in vulnerable situations.</p>"
        "<h2>Who writes it</h2><p>Each page is written by specialists of the division, "
        "checked by a second reviewer and reviewed again on the date shown on the page. "
        "Translations are made by professional translators and checked by colleagues who "
        "work in that language.</p>"
        "<h2>How to use it</h2><p>Everything can be read free of charge, on a phone and on a "
        "slow connection. Pages can be downloaded as PDF for offline use. An account is "
        "needed only to follow a course and receive a certificate.</p>",
    ),
    "fr": (
        "À propos du portail",
        "a-propos",
        "<p>Le Portail de protection et de formation est publié par la division de la "
        "protection et de l’assistance aux migrants. Il rassemble les orientations, normes, "
        "outils et formations dont les agents publics et leurs partenaires se servent pour "
        "identifier, protéger et assister les migrants en situation de vulnérabilité.</p>"
        "<h2>Qui le rédige</h2><p>Chaque page est rédigée par des spécialistes de la "
        "division, relue par une seconde personne et revue à la date indiquée sur la page. "
        "Les traductions sont faites par des traducteurs professionnels et relues par des "
        "collègues qui travaillent dans cette langue.</p>"
        "<h2>Comment l’utiliser</h2><p>Tout se lit gratuitement, sur téléphone et avec une "
        "connexion lente. Les pages se téléchargent en PDF pour une lecture hors ligne. Un "
        "compte n’est nécessaire que pour suivre une formation et obtenir un certificat.</p>",
    ),
    "es": (
        "Acerca del portal",
        "acerca-del-portal",
        "<p>El Portal de protección y formación lo publica la división de protección y "
        "asistencia a personas migrantes. Reúne las orientaciones, normas, herramientas y "
        "cursos que los funcionarios públicos y sus socios utilizan para identificar, "
        "proteger y asistir a personas migrantes en situación de vulnerabilidad.</p>"
        "<h2>Quién lo escribe</h2><p>Cada página la redactan especialistas de la división, "
        "la revisa una segunda persona y se vuelve a revisar en la fecha que figura en ella. "
        "Las traducciones las hacen traductores profesionales y las revisan colegas que "
        "trabajan en ese idioma.</p>"
        "<h2>Cómo usarlo</h2><p>Todo se puede leer gratis, en el teléfono y con una conexión "
        "lenta. Las páginas se pueden descargar en PDF para leerlas sin conexión. Solo hace "
        "falta una cuenta para seguir un curso y recibir un certificado.</p>",
    ),
    "ar": (
        "عن البوابة",
        "",
        "<p>تصدر بوابة الحماية والتدريب عن شعبة حماية المهاجرين ومساعدتهم. وهي تجمع "
        "الإرشادات والمعايير والأدوات والدورات التدريبية التي يستعين بها المسؤولون "
        "الحكوميون وشركاؤهم في تحديد المهاجرين في أوضاع هشّة وحمايتهم ومساعدتهم.</p>"
        "<h2>من يكتب محتواها</h2><p>يكتب كلَّ صفحة مختصون في الشعبة، ويراجعها شخص ثانٍ، "
        "ثم تُراجَع من جديد في التاريخ المذكور عليها. ويتولى الترجمةَ مترجمون محترفون، "
        "ويراجعها زملاء يعملون بتلك اللغة.</p>"
        "<h2>كيف تستخدمها</h2><p>كل المحتوى متاح للقراءة مجانًا، على الهاتف ومع اتصال "
        "بطيء. ويمكن تنزيل الصفحات بصيغة PDF لقراءتها دون اتصال. ولا يلزم إنشاء حساب إلا "
        "لمتابعة دورة تدريبية والحصول على شهادة.</p>",
    ),
    "ru": (
        "О портале",
        "o-portale",
        "<p>Портал по защите и обучению издаёт отдел защиты мигрантов и помощи им. Здесь "
        "собраны рекомендации, стандарты, инструменты и курсы, которыми пользуются "
        "государственные служащие и их партнёры, чтобы выявлять мигрантов в уязвимом "
        "положении, защищать их и оказывать им помощь.</p>"
        "<h2>Кто его пишет</h2><p>Каждую страницу пишут специалисты отдела, проверяет второй "
        "рецензент, а затем её пересматривают в срок, указанный на странице. Переводы "
        "выполняют профессиональные переводчики и проверяют коллеги, работающие на этом "
        "языке.</p>"
        "<h2>Как им пользоваться</h2><p>Всё можно читать бесплатно, с телефона и при "
        "медленном соединении. Страницы можно скачать в PDF, чтобы читать без сети. Учётная "
        "запись нужна только для прохождения курса и получения сертификата.</p>",
    ),
    "zh_hans": (
        "关于本门户",
        "",
        "<p>保护与培训门户由移民保护与援助司发布，汇集了政府官员及其合作伙伴在识别、保护和"
        "援助处境脆弱移民时使用的指导、标准、工具和培训课程。</p>"
        "<h2>内容由谁编写</h2><p>每个页面均由该司专家撰写，经第二位审校人员核对，并在页面所示"
        "日期重新审查。译文由专业译员完成，并由使用该语言工作的同事审校。</p>"
        "<h2>如何使用</h2><p>所有内容均可免费阅读，手机和慢速网络均可使用。页面可下载为 PDF "
        "以便离线阅读。只有参加培训课程并获取证书时才需要账户。</p>",
    ),
}

PRIVACY = {
    "en": (
        "Privacy notice",
        "privacy",
        "<p>You can read the whole portal without an account and without giving us any "
        "personal data. We count page views without cookies and without storing your "
        "address on the network.</p>"
        "<h2>If you create an account</h2><p>We keep your name, email address, organisation "
        "and country, and your progress in the courses you follow. We use them only to "
        "record your training, to issue your certificates and, if you join a training "
        "session, to show your progress to its trainer.</p>"
        "<h2>Your rights</h2><p>From your profile you can download everything we hold about "
        "you and delete your account at any time. For any other question about your data, "
        "write to privacy@example.org.</p>",
    ),
    "fr": (
        "Politique de confidentialité",
        "confidentialite",
        "<p>Vous pouvez lire tout le portail sans compte et sans nous communiquer de données "
        "personnelles. Nous comptons les pages consultées sans cookie et sans conserver "
        "votre adresse réseau.</p>"
        "<h2>Si vous créez un compte</h2><p>Nous conservons votre nom, votre adresse "
        "électronique, votre organisation et votre pays, ainsi que votre progression dans "
        "les formations suivies. Ils servent uniquement à enregistrer votre formation, à "
        "délivrer vos certificats et, si vous rejoignez une session, à montrer votre "
        "progression à son formateur.</p>"
        "<h2>Vos droits</h2><p>Depuis votre profil, vous pouvez télécharger tout ce que nous "
        "détenons sur vous et supprimer votre compte à tout moment. Pour toute autre "
        "question sur vos données, écrivez à privacy@example.org.</p>",
    ),
    "es": (
        "Aviso de privacidad",
        "privacidad",
        "<p>Puede leer todo el portal sin cuenta y sin darnos ningún dato personal. Contamos "
        "las visitas a las páginas sin cookies y sin guardar su dirección de red.</p>"
        "<h2>Si crea una cuenta</h2><p>Guardamos su nombre, su correo electrónico, su "
        "organización y su país, y su avance en los cursos que sigue. Los usamos solo para "
        "registrar su formación, emitir sus certificados y, si se une a una sesión de "
        "formación, mostrar su avance a quien la imparte.</p>"
        "<h2>Sus derechos</h2><p>Desde su perfil puede descargar todo lo que tenemos sobre "
        "usted y eliminar su cuenta en cualquier momento. Para cualquier otra pregunta sobre "
        "sus datos, escriba a privacy@example.org.</p>",
    ),
    "ar": (
        "إشعار الخصوصية",
        "",
        "<p>يمكنك قراءة البوابة كاملةً دون حساب ودون أن تعطينا أي بيانات شخصية. ونحن نحصي "
        "زيارات الصفحات دون ملفات تعريف الارتباط ودون تخزين عنوانك على الشبكة.</p>"
        "<h2>إذا أنشأت حسابًا</h2><p>نحتفظ باسمك وبريدك الإلكتروني والجهة التي تعمل فيها "
        "وبلدك، وبتقدّمك في الدورات التي تتابعها. ولا نستخدمها إلا لتسجيل تدريبك وإصدار "
        "شهاداتك، وإذا انضممت إلى جلسة تدريبية، لإطلاع المدرّب على تقدّمك.</p>"
        "<h2>حقوقك</h2><p>يمكنك من صفحتك الشخصية تنزيل كل ما نحتفظ به عنك وحذف حسابك في أي "
        "وقت. ولأي سؤال آخر عن بياناتك، راسلنا على privacy@example.org.</p>",
    ),
    "ru": (
        "Политика конфиденциальности",
        "konfidentsialnost",
        "<p>Весь портал можно читать без учётной записи и не сообщая нам никаких "
        "персональных данных. Просмотры страниц мы считаем без файлов cookie и не сохраняя "
        "ваш сетевой адрес.</p>"
        "<h2>Если вы создаёте учётную запись</h2><p>Мы храним ваше имя, адрес электронной "
        "почты, организацию и страну, а также ваши успехи в курсах. Мы используем их только "
        "для учёта вашего обучения, выдачи сертификатов и, если вы присоединились к учебной "
        "сессии, чтобы показать ваши успехи её преподавателю.</p>"
        "<h2>Ваши права</h2><p>В своём профиле вы можете скачать всё, что мы о вас храним, и "
        "в любой момент удалить учётную запись. С другими вопросами о ваших данных пишите на "
        "privacy@example.org.</p>",
    ),
    "zh_hans": (
        "隐私声明",
        "",
        "<p>无需账户、无需向我们提供任何个人数据即可阅读整个门户。我们统计页面浏览量时不使用 "
        "Cookie，也不保存您的网络地址。</p>"
        "<h2>如果您创建账户</h2><p>我们保存您的姓名、电子邮件地址、所在机构和国家，以及您在所学"
        "课程中的进度。这些信息仅用于记录您的培训、颁发证书；如果您加入某个培训班，还会向其培训"
        "师显示您的进度。</p>"
        "<h2>您的权利</h2><p>您可以在个人资料页面下载我们保存的关于您的全部数据，并可随时删除"
        "账户。关于您的数据的其他问题，请写信至 privacy@example.org。</p>",
    ),
}

CONTACT = {
    "en": (
        "Contact",
        "contact",
        "<p>Write to the portal team at portal@example.org. We answer in any of the six "
        "languages of the portal, usually within five working days.</p>"
        "<h2>What to write to us about</h2><ul><li>a mistake or an outdated passage in a "
        "page (please give its address);</li><li>a translation that reads badly;</li>"
        "<li>a problem with your account, a course or a certificate;</li><li>a request to "
        "run a training session for your team.</li></ul>"
        "<p>We cannot give advice on individual cases through this address.</p>",
    ),
    "fr": (
        "Contact",
        "contact",
        "<p>Écrivez à l’équipe du portail à portal@example.org. Nous répondons dans chacune "
        "des six langues du portail, en général sous cinq jours ouvrables.</p>"
        "<h2>Pour quoi nous écrire</h2><ul><li>une erreur ou un passage dépassé dans une "
        "page (indiquez son adresse) ;</li><li>une traduction qui se lit mal ;</li>"
        "<li>un problème de compte, de formation ou de certificat ;</li><li>une demande de "
        "session de formation pour votre équipe.</li></ul>"
        "<p>Nous ne pouvons pas conseiller sur des cas individuels par cette adresse.</p>",
    ),
    "es": (
        "Contacto",
        "contacto",
        "<p>Escriba al equipo del portal a portal@example.org. Respondemos en cualquiera de "
        "los seis idiomas del portal, normalmente en cinco días hábiles.</p>"
        "<h2>Para qué escribirnos</h2><ul><li>un error o un pasaje desactualizado en una "
        "página (indique su dirección);</li><li>una traducción que se lee mal;</li>"
        "<li>un problema con su cuenta, un curso o un certificado;</li><li>una solicitud de "
        "sesión de formación para su equipo.</li></ul>"
        "<p>Por esta dirección no podemos asesorar sobre casos individuales.</p>",
    ),
    "ar": (
        "اتصل بنا",
        "",
        "<p>راسل فريق البوابة على portal@example.org. نجيب بأي من لغات البوابة الست، عادةً "
        "في غضون خمسة أيام عمل.</p>"
        "<h2>متى تراسلنا</h2><ul><li>عند وجود خطأ أو فقرة تجاوزها الزمن في صفحة (يُرجى ذكر "
        "عنوانها)؛</li><li>عند وجود ترجمة ركيكة؛</li><li>عند وجود مشكلة في حسابك أو في "
        "دورة أو شهادة؛</li><li>لطلب جلسة تدريبية لفريقك.</li></ul>"
        "<p>لا يمكننا تقديم المشورة في حالات فردية عبر هذا العنوان.</p>",
    ),
    "ru": (
        "Контакты",
        "kontakty",
        "<p>Пишите команде портала на portal@example.org. Мы отвечаем на любом из шести "
        "языков портала, обычно в течение пяти рабочих дней.</p>"
        "<h2>О чём нам писать</h2><ul><li>об ошибке или устаревшем фрагменте на странице "
        "(укажите её адрес);</li><li>о неудачном переводе;</li><li>о проблеме с учётной "
        "записью, курсом или сертификатом;</li><li>с просьбой провести учебную сессию для "
        "вашей команды.</li></ul>"
        "<p>По этому адресу мы не консультируем по отдельным случаям.</p>",
    ),
    "zh_hans": (
        "联系我们",
        "",
        "<p>请写信至门户团队：portal@example.org。我们可使用门户的六种语言中的任何一种答复，"
        "通常在五个工作日内。</p>"
        "<h2>可就以下事项联系我们</h2><ul><li>页面中的错误或过时内容（请注明页面地址）；</li>"
        "<li>译文不通顺；</li><li>账户、课程或证书方面的问题；</li><li>为您的团队申请培训班。"
        "</li></ul>"
        "<p>我们无法通过此地址就个案提供咨询。</p>",
    ),
}

ACCESSIBILITY = {
    "en": (
        "Accessibility statement",
        "accessibility",
        "<p>We want everyone who works with migrants to be able to use this portal, whatever "
        "their device, connection, language or disability.</p>"
        "<h2>Our target</h2><p>The portal aims to meet the Web Content Accessibility "
        "Guidelines (WCAG) 2.2 at level AA. Every page works with a keyboard alone and with "
        "screen readers, reads right to left in Arabic, and can be enlarged to 400% without "
        "losing content. We test each release with automated checks in a real browser and "
        "by hand.</p>"
        "<h2>Known limitations</h2><p>Some older documents offered for download are scanned "
        "PDF files that screen readers cannot read. We are replacing them; until then, ask "
        "us for an accessible version.</p>"
        "<h2>Report a problem</h2><p>If something on the portal is hard to use, write to "
        "accessibility@example.org with the address of the page and what happened. We reply "
        "within five working days and tell you when it is fixed.</p>",
    ),
    "fr": (
        "Déclaration d’accessibilité",
        "accessibilite",
        "<p>Nous voulons que toutes les personnes qui travaillent avec des migrants puissent "
        "utiliser ce portail, quels que soient leur appareil, leur connexion, leur langue ou "
        "leur handicap.</p>"
        "<h2>Notre objectif</h2><p>Le portail vise la conformité aux Règles pour "
        "l’accessibilité des contenus Web (WCAG) 2.2, niveau AA. Chaque page fonctionne au "
        "clavier seul et avec un lecteur d’écran, se lit de droite à gauche en arabe et peut "
        "être agrandie à 400 % sans perte de contenu. Chaque version est testée par des "
        "contrôles automatiques dans un vrai navigateur et à la main.</p>"
        "<h2>Limites connues</h2><p>Certains documents anciens proposés au téléchargement "
        "sont des PDF numérisés que les lecteurs d’écran ne peuvent pas lire. Nous les "
        "remplaçons ; d’ici là, demandez-nous une version accessible.</p>"
        "<h2>Signaler un problème</h2><p>Si un élément du portail est difficile à utiliser, "
        "écrivez à accessibility@example.org en indiquant l’adresse de la page et ce qui "
        "s’est passé. Nous répondons sous cinq jours ouvrables et vous prévenons quand le "
        "problème est corrigé.</p>",
    ),
    "es": (
        "Declaración de accesibilidad",
        "accesibilidad",
        "<p>Queremos que todas las personas que trabajan con migrantes puedan usar este "
        "portal, sea cual sea su dispositivo, su conexión, su idioma o su discapacidad.</p>"
        "<h2>Nuestro objetivo</h2><p>El portal aspira a cumplir las Pautas de Accesibilidad "
        "para el Contenido Web (WCAG) 2.2 en el nivel AA. Cada página funciona solo con el "
        "teclado y con lectores de pantalla, se lee de derecha a izquierda en árabe y puede "
        "ampliarse al 400 % sin perder contenido. Probamos cada versión con comprobaciones "
        "automáticas en un navegador real y a mano.</p>"
        "<h2>Limitaciones conocidas</h2><p>Algunos documentos antiguos que se ofrecen para "
        "descargar son PDF escaneados que los lectores de pantalla no pueden leer. Los "
        "estamos sustituyendo; mientras tanto, pídanos una versión accesible.</p>"
        "<h2>Informar de un problema</h2><p>Si algo del portal le resulta difícil de usar, "
        "escriba a accessibility@example.org con la dirección de la página y lo que ocurrió. "
        "Respondemos en cinco días hábiles y le avisamos cuando esté resuelto.</p>",
    ),
    "ar": (
        "بيان إمكانية الوصول",
        "",
        "<p>نريد أن يتمكن كل من يعمل مع المهاجرين من استخدام هذه البوابة، أيًّا كان جهازه أو "
        "اتصاله أو لغته أو إعاقته.</p>"
        "<h2>هدفنا</h2><p>تسعى البوابة إلى استيفاء إرشادات إمكانية الوصول إلى محتوى الويب "
        "(WCAG) 2.2 في المستوى AA. تعمل كل صفحة بلوحة المفاتيح وحدها ومع قارئات الشاشة، "
        "وتُقرأ من اليمين إلى اليسار بالعربية، ويمكن تكبيرها حتى 400% دون فقدان أي محتوى. "
        "ونختبر كل إصدار بفحوص آلية في متصفح حقيقي وباليد.</p>"
        "<h2>قيود معروفة</h2><p>بعض المستندات القديمة المتاحة للتنزيل ملفات PDF ممسوحة "
        "ضوئيًا لا تستطيع قارئات الشاشة قراءتها. ونحن بصدد استبدالها؛ وإلى ذلك الحين، "
        "اطلب منا نسخة يسهل الوصول إليها.</p>"
        "<h2>الإبلاغ عن مشكلة</h2><p>إذا صعب عليك استخدام شيء في البوابة، فراسلنا على "
        "accessibility@example.org مع عنوان الصفحة وما حدث. نردّ في غضون خمسة أيام عمل "
        "ونخبرك عند إصلاح المشكلة.</p>",
    ),
    "ru": (
        "Заявление о доступности",
        "dostupnost",
        "<p>Мы хотим, чтобы порталом могли пользоваться все, кто работает с мигрантами, "
        "независимо от устройства, соединения, языка или инвалидности.</p>"
        "<h2>Наша цель</h2><p>Портал стремится соответствовать Руководству по доступности "
        "веб-контента (WCAG) 2.2 на уровне AA. Каждая страница работает только с клавиатуры "
        "и с программами экранного доступа, читается справа налево на арабском и "
        "увеличивается до 400% без потери содержания. Каждый выпуск мы проверяем "
        "автоматическими тестами в настоящем браузере и вручную.</p>"
        "<h2>Известные ограничения</h2><p>Некоторые старые документы для скачивания — это "
        "отсканированные PDF, которые программы экранного доступа не читают. Мы их заменяем; "
        "а пока попросите у нас доступную версию.</p>"
        "<h2>Сообщить о проблеме</h2><p>Если чем-то на портале пользоваться трудно, напишите "
        "на accessibility@example.org, указав адрес страницы и что произошло. Мы отвечаем в "
        "течение пяти рабочих дней и сообщаем, когда проблема устранена.</p>",
    ),
    "zh_hans": (
        "无障碍声明",
        "",
        "<p>我们希望所有与移民打交道的人，无论使用何种设备、网络、语言或有何种残障，都能使用本"
        "门户。</p>"
        "<h2>我们的目标</h2><p>本门户以符合《Web 内容无障碍指南》（WCAG）2.2 AA 级为目标。每个"
        "页面均可仅用键盘和屏幕阅读器操作，阿拉伯文从右向左显示，并可放大至 400% 而不丢失内容。"
        "每次发布前，我们都会在真实浏览器中进行自动检查并人工测试。</p>"
        "<h2>已知局限</h2><p>部分可供下载的旧文件为扫描版 PDF，屏幕阅读器无法读取。我们正在"
        "替换这些文件；在此之前，请向我们索取无障碍版本。</p>"
        "<h2>报告问题</h2><p>如果门户中的某项内容难以使用，请写信至 "
        "accessibility@example.org，注明页面地址和所遇到的情况。我们会在五个工作日内答复，"
        "并在问题解决后通知您。</p>",
    ),
}

INFORMATION = {
    "about": ABOUT,
    "privacy": PRIVACY,
    "contact": CONTACT,
    "accessibility": ACCESSIBILITY,
}
