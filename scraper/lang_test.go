package scraper

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// langCase is a text of the language detection set.
type langCase struct {
	name, want, text string
}

// langCorpus is the accuracy set of DetectLanguage: news paragraphs in wire
// style, invented for these tests, at least five per language it returns.
var langCorpus = []langCase{
	{"en/hang-seng-close", "en", "Hong Kong stocks closed higher on Tuesday as investors piled into technology shares after a string of upbeat earnings reports. The Hang Seng Index rose 1.4 percent to 19,870.25, while the tech sub-index gained 2.3 percent. Traders said the rally was broad, with property developers and insurers also ending the session in positive territory."},
	{"en/battery-profit-warning", "en", "Shares of a major battery maker fell sharply in early trading after the company warned that full-year profit would come in below analyst expectations. The firm blamed weaker demand from carmakers and a continued slide in lithium prices, and said it would cut capital spending by about a fifth over the next two years."},
	{"en/central-bank-hold", "en", "The central bank left its benchmark lending rate unchanged on Monday, in line with market forecasts, but signalled it was ready to ease policy further if the economic recovery lost momentum. Analysts said the decision reflected concern about the currency, which has weakened against the dollar for three consecutive months."},
	{"en/oil-inventories", "en", "Oil prices edged lower on Wednesday after industry data showed a larger than expected build in crude inventories, adding to worries about slowing fuel demand in the world's biggest economies. Brent crude futures were down 45 cents at $78.10 a barrel by midday, while U.S. benchmark futures slipped 0.6 percent."},
	{"en/retailer-revenue", "en", "The country's largest online retailer reported a 12 percent rise in quarterly revenue, beating forecasts, as shoppers returned to its platform during a holiday promotion. Its chief executive told analysts on a conference call that the company would keep investing in cloud computing and artificial intelligence despite pressure on margins."},
	{"en/chinese-names-in-parentheses", "en", "Shares of Tencent Holdings (腾讯控股) and Alibaba Group (阿里巴巴集团) led gains in Hong Kong on Thursday after the two companies announced new investments in artificial intelligence. Meituan (美团) also rose, while the broader market ended the day slightly higher as investors awaited fresh economic data from Beijing."},
	{"fr/paris-close", "fr", "La Bourse de Paris a terminé en hausse mardi, portée par les valeurs du luxe et de la technologie après la publication de résultats meilleurs que prévu. Le CAC 40 a gagné 1,2 % à 7 512 points, tandis que les investisseurs restaient prudents avant la réunion de la Banque centrale européenne prévue la semaine prochaine."},
	{"fr/carmaker-profit", "fr", "Le constructeur automobile a annoncé jeudi une baisse de son bénéfice semestriel, pénalisé par la hausse des coûts des matières premières et par un recul des ventes en Chine. Le groupe a toutefois confirmé ses objectifs pour l'ensemble de l'année et prévoit de lancer trois nouveaux modèles électriques d'ici à la fin de 2025."},
	{"fr/oil-inventories", "fr", "Les prix du pétrole ont reculé mercredi après la publication de chiffres montrant une hausse inattendue des stocks de brut aux États-Unis. Selon les analystes, le marché reste inquiet de la faiblesse de la demande en Asie, où la croissance économique ralentit depuis plusieurs mois."},
	{"fr/bank-quarter", "fr", "La banque a indiqué que son produit net bancaire avait progressé de 6 % au troisième trimestre, grâce à une bonne performance de ses activités de marché. Son directeur général a déclaré que le groupe poursuivrait sa politique de rachat d'actions et qu'il ne voyait pas de dégradation de la qualité de ses crédits."},
	{"fr/growth-forecast", "fr", "Le gouvernement a revu à la baisse sa prévision de croissance pour l'an prochain, à 1,1 % contre 1,4 % auparavant, en raison d'un environnement international plus incertain. Le ministre de l'Économie a assuré que le déficit public serait ramené sous le seuil de 3 % du produit intérieur brut d'ici à 2027."},
	{"de/dax-close", "de", "Der deutsche Aktienmarkt hat am Dienstag deutlich zugelegt, nachdem mehrere Unternehmen bessere Quartalszahlen als erwartet vorgelegt hatten. Der Dax stieg um 1,3 Prozent auf 18 245 Punkte. Händler verwiesen auch auf Hoffnungen, dass die Europäische Zentralbank die Zinsen im Herbst weiter senken könnte."},
	{"de/carmaker-forecast", "de", "Der Autobauer hat seine Prognose für das laufende Jahr gesenkt und die Aktie ist daraufhin im frühen Handel um mehr als sechs Prozent gefallen. Das Unternehmen begründete den Schritt mit einer schwachen Nachfrage in China und höheren Kosten für Batterien. Der Vorstand kündigte ein Sparprogramm an, das bis 2026 rund zwei Milliarden Euro einbringen soll."},
	{"de/oil-inventories", "de", "Die Ölpreise sind am Mittwoch gesunken, nachdem Daten aus den Vereinigten Staaten einen unerwartet starken Anstieg der Rohöllagerbestände gezeigt hatten. Ein Barrel der Nordseesorte Brent kostete am Mittag 78,10 Dollar und damit 45 Cent weniger als am Vortag. Analysten rechnen mit einer schwächeren Nachfrage in den kommenden Monaten."},
	{"de/bank-quarter", "de", "Die Bank hat im dritten Quartal einen Gewinn von 1,2 Milliarden Euro erzielt und damit die Erwartungen der Analysten übertroffen. Vor allem das Geschäft mit Firmenkunden habe sich gut entwickelt, teilte das Institut am Donnerstag in Frankfurt mit. Für das Gesamtjahr bestätigte der Vorstand seine Ziele."},
	{"de/euro-inflation", "de", "Die Inflation in der Eurozone ist im Oktober nach einer ersten Schätzung auf 2,4 Prozent gestiegen. Ökonomen hatten mit einem etwas geringeren Wert gerechnet. Vor allem die Preise für Dienstleistungen und Lebensmittel zogen an, während Energie im Vergleich zum Vorjahr weiterhin billiger war."},
	{"es/madrid-close", "es", "La Bolsa de Madrid cerró el martes con una subida del 1,1 %, impulsada por los bancos y las empresas de energía, después de que varios grupos presentaran resultados mejores de lo esperado. El Ibex 35 terminó la sesión en 11 240 puntos, su nivel más alto desde el mes de marzo, según datos del mercado."},
	{"es/airline-profit", "es", "La aerolínea anunció el jueves que su beneficio neto del tercer trimestre aumentó un 18 % gracias a la fuerte demanda de viajes durante el verano. La compañía prevé que los ingresos sigan creciendo el próximo año, aunque advirtió de que el precio del combustible y los retrasos en la entrega de aviones pueden afectar a sus márgenes."},
	{"es/oil-inventories", "es", "Los precios del petróleo bajaron el miércoles después de que los datos del sector mostraran un aumento inesperado de las reservas de crudo en Estados Unidos. Los analistas señalaron que el mercado sigue preocupado por la debilidad de la demanda en China, el mayor importador de petróleo del mundo."},
	{"es/central-bank-hold", "es", "El banco central mantuvo sin cambios los tipos de interés, tal como esperaban los analistas, pero dejó la puerta abierta a nuevos recortes en los próximos meses si la inflación sigue moderándose. El peso se apreció ligeramente frente al dólar tras la decisión, mientras que los bonos del gobierno subieron."},
	{"es/construction-contract", "es", "La constructora española ha ganado un contrato de 1.200 millones de euros para construir una autopista en Australia, según informó la empresa en un comunicado remitido a la Comisión Nacional del Mercado de Valores. Las acciones de la compañía subieron más de un 3 % en los primeros minutos de negociación."},
	{"it/milan-close", "it", "Piazza Affari ha chiuso in rialzo martedì, sostenuta dai titoli bancari e dal comparto energetico dopo la pubblicazione di conti trimestrali superiori alle attese. L'indice Ftse Mib ha guadagnato l'1,3 % a 34 120 punti, mentre lo spread tra Btp e Bund è sceso sotto i 130 punti base."},
	{"it/carmaker-forecast", "it", "La casa automobilistica ha tagliato le stime per l'intero anno a causa della debolezza della domanda in Europa e in Cina, e il titolo ha perso oltre il 5 % nelle prime ore di contrattazione. L'amministratore delegato ha detto che il gruppo ridurrà la produzione in alcuni stabilimenti fino alla fine dell'anno."},
	{"it/oil-inventories", "it", "I prezzi del petrolio sono scesi mercoledì dopo che i dati hanno mostrato un aumento inatteso delle scorte di greggio negli Stati Uniti. Secondo gli analisti, il mercato resta preoccupato per il rallentamento della crescita economica in Asia e per l'aumento della produzione dei paesi che non fanno parte dell'Opec."},
	{"it/bank-quarter", "it", "La banca ha registrato nel terzo trimestre un utile netto di 2,1 miliardi di euro, in crescita del 12 % rispetto allo stesso periodo dell'anno scorso, grazie all'aumento del margine di interesse. Il gruppo ha confermato gli obiettivi per il 2025 e prevede di distribuire agli azionisti la maggior parte degli utili."},
	{"it/growth-forecast", "it", "Il governo ha rivisto al ribasso la stima di crescita del prodotto interno lordo per il prossimo anno, portandola allo 0,8 % dall'1,0 % indicato in primavera. Il ministro dell'Economia ha spiegato che la revisione riflette un contesto internazionale più incerto e la frenata dell'industria tedesca."},
	{"pt/sao-paulo-close", "pt", "A Bolsa de São Paulo fechou em alta nesta terça-feira, puxada pelas ações de bancos e de empresas de mineração, depois que dados mostraram uma inflação mais baixa do que o esperado. O Ibovespa subiu 1,2 % para 128 450 pontos, enquanto o dólar recuou frente ao real pela terceira sessão seguida."},
	{"pt/airline-profit", "pt", "A companhia aérea informou na quinta-feira que o lucro líquido do terceiro trimestre cresceu 15 %, impulsionado pela forte procura por viagens internacionais. A empresa disse que espera manter o ritmo de crescimento no próximo ano, mas alertou que o preço do combustível continua a ser um risco para as margens."},
	{"pt/oil-inventories", "pt", "Os preços do petróleo caíram na quarta-feira depois que dados do setor mostraram um aumento inesperado dos estoques de petróleo bruto nos Estados Unidos. Segundo analistas, o mercado continua preocupado com a fraqueza da procura na China, que é o maior importador de petróleo do mundo."},
	{"pt/central-bank-hold", "pt", "O banco central manteve a taxa básica de juros inalterada, como previam os economistas, mas sinalizou que poderá voltar a cortar os juros nos próximos meses se a inflação continuar a desacelerar. Os títulos do governo subiram após a decisão e a moeda ganhou força em relação ao dólar."},
	{"pt/miner-investment", "pt", "A mineradora anunciou um plano de investimentos de 6 bilhões de dólares para os próximos cinco anos, com foco em projetos de cobre e níquel. As ações da empresa avançaram mais de 3 % na abertura do pregão, e analistas disseram que a estratégia deve melhorar a geração de caixa a longo prazo."},
	{"nl/amsterdam-close", "nl", "De Amsterdamse beurs is dinsdag hoger gesloten, gesteund door sterke kwartaalcijfers van een aantal technologiebedrijven. De AEX-index steeg met 1,1 procent tot 905,40 punten. Beleggers waren ook optimistisch over de verwachting dat de Europese Centrale Bank de rente later dit jaar verder zal verlagen."},
	{"nl/chip-orders", "nl", "De chipmachinefabrikant heeft in het derde kwartaal meer orders binnengehaald dan analisten hadden verwacht, maar waarschuwde dat de omzet volgend jaar mogelijk lager uitvalt door exportbeperkingen. Het aandeel daalde in de vroege handel ruim vier procent, nadat het eerder deze maand nog een recordstand had bereikt."},
	{"nl/oil-inventories", "nl", "De olieprijzen zijn woensdag gedaald nadat cijfers lieten zien dat de voorraden ruwe olie in de Verenigde Staten onverwacht sterk zijn toegenomen. Een vat Brent-olie kostte rond het middaguur 78,10 dollar, 45 cent minder dan een dag eerder. Volgens analisten blijft de vraag uit China zwak."},
	{"nl/bank-quarter", "nl", "De bank boekte in het derde kwartaal een nettowinst van 1,4 miljard euro, een stijging van 9 procent ten opzichte van een jaar eerder. Dat kwam vooral door hogere rente-inkomsten. De topman zei dat de bank haar doelen voor het hele jaar handhaaft en dat er ruimte is voor een extra inkoop van eigen aandelen."},
	{"nl/growth-forecast", "nl", "Het Centraal Planbureau verwacht dat de Nederlandse economie volgend jaar met 1,5 procent groeit, iets meer dan eerder werd gedacht. De inflatie zal naar verwachting dalen tot 2,3 procent. Wel waarschuwt het bureau dat de krappe arbeidsmarkt en de hoge huizenprijzen risico's blijven voor huishoudens."},
	{"id/jakarta-close", "id", "Indeks Harga Saham Gabungan (IHSG) ditutup menguat 1,2 persen ke level 7.310 pada perdagangan Selasa, didorong oleh kenaikan saham perbankan dan pertambangan. Investor asing mencatat pembelian bersih senilai Rp 850 miliar, sementara nilai tukar rupiah juga menguat terhadap dolar Amerika Serikat."},
	{"id/coal-profit", "id", "Perusahaan tambang batu bara itu melaporkan penurunan laba bersih sebesar 35 persen pada kuartal ketiga karena harga batu bara global yang terus melemah. Manajemen perusahaan mengatakan akan mengurangi belanja modal tahun depan dan fokus pada proyek energi terbarukan untuk menjaga kinerja keuangan."},
	{"id/central-bank-hold", "id", "Bank Indonesia memutuskan untuk mempertahankan suku bunga acuan pada level 6 persen, sesuai dengan perkiraan sebagian besar ekonom. Gubernur bank sentral mengatakan keputusan tersebut diambil untuk menjaga stabilitas nilai tukar rupiah di tengah ketidakpastian pasar keuangan global."},
	{"id/oil-inventories", "id", "Harga minyak dunia turun pada hari Rabu setelah data menunjukkan kenaikan persediaan minyak mentah di Amerika Serikat yang lebih besar dari perkiraan. Para analis menilai pasar masih khawatir terhadap lemahnya permintaan dari China, yang merupakan importir minyak terbesar di dunia."},
	{"id/growth-target", "id", "Pemerintah menargetkan pertumbuhan ekonomi sebesar 5,2 persen pada tahun depan, dengan mengandalkan konsumsi rumah tangga dan investasi di sektor hilirisasi. Menteri Keuangan menyatakan defisit anggaran akan tetap dijaga di bawah 3 persen dari produk domestik bruto."},
	{"vi/vn-index-close", "vi", "Chỉ số VN-Index đóng cửa phiên giao dịch hôm thứ Ba tăng 1,3% lên 1.265 điểm, nhờ lực mua mạnh ở nhóm cổ phiếu ngân hàng và chứng khoán. Khối ngoại mua ròng hơn 500 tỷ đồng trên sàn HOSE, trong khi thanh khoản toàn thị trường đạt mức cao nhất trong một tháng qua."},
	{"vi/steel-profit", "vi", "Tập đoàn thép lớn nhất Việt Nam cho biết lợi nhuận sau thuế quý III giảm 40% so với cùng kỳ năm trước do giá thép trong nước và xuất khẩu đều sụt giảm. Ban lãnh đạo công ty dự kiến thị trường sẽ phục hồi vào năm sau khi các dự án đầu tư công được đẩy nhanh."},
	{"vi/central-bank-hold", "vi", "Ngân hàng Nhà nước quyết định giữ nguyên lãi suất điều hành, phù hợp với dự báo của đa số chuyên gia kinh tế. Theo thống đốc, quyết định này nhằm ổn định tỷ giá và hỗ trợ doanh nghiệp trong bối cảnh kinh tế thế giới còn nhiều bất ổn."},
	{"vi/oil-inventories", "vi", "Giá dầu thế giới giảm trong phiên thứ Tư sau khi số liệu cho thấy tồn kho dầu thô của Mỹ tăng mạnh hơn dự kiến. Các nhà phân tích cho rằng thị trường vẫn lo ngại về nhu cầu yếu từ Trung Quốc, nước nhập khẩu dầu lớn nhất thế giới."},
	{"vi/growth-target", "vi", "Chính phủ đặt mục tiêu tăng trưởng kinh tế 6,5% trong năm tới, dựa vào xuất khẩu, đầu tư nước ngoài và tiêu dùng trong nước. Bộ trưởng Bộ Tài chính cho biết bội chi ngân sách sẽ được kiểm soát ở mức dưới 4% tổng sản phẩm quốc nội."},
	{"ru/moex-close", "ru", "Индекс Московской биржи во вторник вырос на 1,2% до 3 150 пунктов на фоне роста акций нефтяных компаний и банков. Аналитики отмечают, что инвесторы положительно восприняли сильные квартальные результаты нескольких крупных эмитентов и снижение инфляционных ожиданий."},
	{"ru/steel-profit", "ru", "Крупнейшая металлургическая компания страны сообщила о снижении чистой прибыли в третьем квартале на 30% из-за падения цен на сталь и роста издержек. Руководство компании заявило, что в следующем году сократит инвестиционную программу и сосредоточится на снижении долговой нагрузки."},
	{"ru/central-bank-hold", "ru", "Центральный банк сохранил ключевую ставку на прежнем уровне, как и ожидало большинство экономистов. Председатель регулятора заявила, что дальнейшие решения будут зависеть от динамики инфляции и ситуации на валютном рынке в ближайшие месяцы."},
	{"ru/oil-inventories", "ru", "Цены на нефть в среду снизились после публикации данных о неожиданном росте запасов сырой нефти в США. По мнению аналитиков, рынок по-прежнему обеспокоен слабым спросом со стороны Китая, крупнейшего импортёра нефти в мире."},
	{"ru/growth-forecast", "ru", "Правительство ожидает, что рост экономики в следующем году составит около 2,5%, а дефицит бюджета не превысит 1% валового внутреннего продукта. Министр финансов сообщил, что основными источниками доходов останутся налоги на добычу полезных ископаемых и экспортные пошлины."},
	{"zh-Hans/hang-seng-close", "zh-Hans", "香港股市周二收高，恒生指数上涨1.4%，收于19870点，科技股领涨。分析师表示，投资者对内地经济刺激政策的预期升温，资金继续流入互联网和新能源板块，市场成交额较前一交易日明显增加。"},
	{"zh-Hans/battery-profit-warning", "zh-Hans", "这家电池制造商发布公告称，预计全年净利润将同比下降约三成，主要由于锂价持续下跌以及下游汽车厂商需求放缓。公司表示，将在未来两年削减资本开支，并加快开拓海外市场。"},
	{"zh-Hans/lpr-hold", "zh-Hans", "中国人民银行宣布维持一年期贷款市场报价利率不变，符合市场预期。经济学家认为，央行仍有进一步降息的空间，但短期内更关注人民币汇率的稳定和银行体系的息差压力。"},
	{"zh-Hans/oil-inventories", "zh-Hans", "国际油价周三下跌，此前行业数据显示美国原油库存意外增加。分析人士指出，市场依然担心全球经济增长放缓会削弱能源需求，布伦特原油期货收于每桶78.10美元。"},
	{"zh-Hans/ecommerce-results", "zh-Hans", "国内最大的电商平台公布第三季度业绩，营业收入同比增长12%，超出分析师预期。公司首席执行官在电话会议上说，将继续加大对云计算和人工智能业务的投资，并回购更多股票。"},
	{"zh-Hant/hong-kong-close", "zh-Hant", "港股周二造好，恒生指數上升1.4%，收報19870點，科技股領漲。分析員表示，投資者對內地經濟刺激政策的預期升溫，資金繼續流入互聯網及新能源板塊，大市成交額較上一個交易日明顯增加。"},
	{"zh-Hant/battery-profit-warning", "zh-Hant", "該電池製造商發出盈利預警，預計全年純利按年下跌約三成，主要由於鋰價持續下跌及下游汽車廠商需求放緩。公司表示，將於未來兩年削減資本開支，並加快開拓海外市場。"},
	{"zh-Hant/lpr-hold", "zh-Hant", "中國人民銀行宣佈維持一年期貸款市場報價利率不變，符合市場預期。經濟學家認為，央行仍有進一步減息的空間，但短期內更關注人民幣匯率的穩定及銀行體系的息差壓力。"},
	{"zh-Hant/oil-inventories", "zh-Hant", "國際油價周三下跌，此前業界數據顯示美國原油庫存意外增加。分析人士指出，市場仍然擔心全球經濟增長放緩會削弱能源需求，布蘭特期油收報每桶78.10美元。"},
	{"zh-Hant/ecommerce-results", "zh-Hant", "本港最大的網購平台公佈第三季業績，收入按年增長12%，勝過分析員預期。公司行政總裁在電話會議上說，將繼續加大對雲端運算及人工智能業務的投資，並回購更多股份。"},
	{"ja/nikkei-close", "ja", "東京株式市場で日経平均株価は火曜日、前日比450円高の3万8200円で取引を終えた。好調な決算を発表した半導体関連株に買いが集まり、円安の進行も輸出企業の株価を押し上げた。"},
	{"ja/carmaker-forecast", "ja", "大手自動車メーカーは木曜日、今期の純利益見通しを下方修正したと発表した。中国市場での販売不振と原材料価格の上昇が響いた。同社の株価は一時5%下落した。"},
	{"ja/boj-hold", "ja", "日本銀行は金融政策決定会合で、短期金利の誘導目標を据え置くことを決めた。総裁は記者会見で、物価と賃金の動向を注意深く見極める考えを示した。"},
	{"ja/oil-inventories", "ja", "原油先物価格は水曜日に下落した。米国の原油在庫が市場予想を上回って増加したことが明らかになり、需要の先行きに対する懸念が広がった。"},
	{"ja/bank-results", "ja", "大手銀行グループが発表した中間決算は、純利益が前年同期比で15%増え、過去最高となった。金利上昇による利ざやの改善が寄与したと説明している。"},
	{"ko/kospi-close", "ko", "코스피 지수는 화요일 전 거래일보다 1.2% 오른 2,650.30에 거래를 마쳤다. 반도체 대형주가 강세를 보였고, 외국인 투자자들이 3거래일 연속 순매수에 나서며 지수 상승을 이끌었다."},
	{"ko/battery-profit", "ko", "국내 최대 배터리 업체는 3분기 영업이익이 전년 동기 대비 30% 감소했다고 밝혔다. 전기차 수요 둔화와 리튬 가격 하락이 실적에 부담을 준 것으로 분석된다."},
	{"ko/bok-hold", "ko", "한국은행은 기준금리를 연 3.5%로 동결했다. 총재는 물가 상승률이 점차 둔화되고 있지만 가계부채 증가세를 계속 지켜볼 필요가 있다고 말했다."},
	{"ko/oil-inventories", "ko", "국제 유가는 수요일 미국 원유 재고가 예상보다 크게 늘었다는 소식에 하락했다. 시장에서는 중국의 수요 부진에 대한 우려가 이어지고 있다."},
	{"ko/growth-forecast", "ko", "정부는 내년 경제성장률 전망치를 2.2%로 제시했다. 기획재정부는 수출 회복과 내수 개선이 성장을 뒷받침할 것으로 내다봤다."},
	// Written after the stop word lists and thresholds were set.
	{"en/bank-buyback", "en", "Profits at the lender's investment banking arm more than doubled in the quarter, helped by a recovery in deal-making and higher trading revenue, the bank said in a statement. It also raised its dividend and announced a new share buyback of up to $2 billion, sending its stock up 4 percent in afternoon trade."},
	{"en/platform-probe", "en", "Regulators have opened an investigation into whether the two largest food delivery platforms abused their market position, according to people familiar with the matter. Neither company responded to requests for comment. The probe comes as authorities step up scrutiny of online platforms that dominate consumer services."},
	{"fr/pharma-trial", "fr", "Le titre du groupe pharmaceutique a bondi de 8 % lundi après l'annonce de résultats positifs pour un traitement expérimental contre l'obésité. Les analystes estiment que le médicament pourrait générer plusieurs milliards d'euros de ventes annuelles s'il est approuvé par les autorités sanitaires."},
	{"fr/europe-open", "fr", "Les marchés européens ont ouvert en légère baisse jeudi, les investisseurs attendant la publication des chiffres de l'emploi américain. À Francfort, le Dax cédait 0,3 %, tandis qu'à Londres le FTSE 100 reculait de 0,2 %."},
	{"de/chemicals-warning", "de", "Die Aktie des Chemiekonzerns ist nach einer Gewinnwarnung deutlich unter Druck geraten. Das Unternehmen rechnet wegen der schwachen Nachfrage aus der Bauindustrie nur noch mit einem operativen Ergebnis von 1,8 Milliarden Euro. Bislang war der Vorstand von mindestens zwei Milliarden ausgegangen."},
	{"de/exports", "de", "Nach Angaben des Statistischen Bundesamtes sind die Exporte im September überraschend gestiegen. Vor allem die Ausfuhren in die Vereinigten Staaten legten zu, während das Geschäft mit China erneut schwächer ausfiel."},
	{"es/tech-ipo", "es", "Las acciones de la empresa tecnológica se dispararon un 12 % en su debut en la bolsa de Nueva York, lo que elevó su valoración por encima de los 8.000 millones de dólares. La compañía utilizará los fondos para expandirse en América Latina y reducir su deuda."},
	{"es/euro-unemployment", "es", "El desempleo en la zona euro se mantuvo en su nivel más bajo desde la creación de la moneda única, según los datos publicados este viernes por la oficina de estadística europea. Los economistas creen que el mercado laboral seguirá resistiendo pese a la desaceleración."},
	{"it/energy-plan", "it", "Il titolo della compagnia energetica è salito del 4 % dopo che il gruppo ha annunciato un piano di investimenti da 10 miliardi di euro nelle rinnovabili entro il 2030. Gli analisti hanno accolto con favore anche l'aumento del dividendo previsto per i prossimi tre anni."},
	{"it/retail-sales", "it", "Le vendite al dettaglio in Italia sono diminuite a settembre per il secondo mese consecutivo, secondo i dati diffusi dall'istituto di statistica. Il calo ha riguardato soprattutto i beni non alimentari, mentre la spesa per i prodotti alimentari è rimasta stabile."},
	{"pt/retail-sales", "pt", "As vendas do varejo no Brasil cresceram 0,8 % em setembro na comparação com o mês anterior, acima do esperado pelo mercado, segundo dados divulgados pelo instituto de estatística. O resultado foi puxado pelas vendas de supermercados e de produtos farmacêuticos."},
	{"pt/oil-dividend", "pt", "A petrolífera estatal anunciou que vai pagar dividendos extraordinários aos acionistas depois de registar um lucro acima das previsões no terceiro trimestre. As ações da empresa subiram quase 5 % na bolsa, liderando os ganhos do índice."},
	{"nl/supermarket-profit", "nl", "Het aandeel van de supermarktketen steeg donderdag bijna zes procent, nadat het bedrijf een hogere winst over het derde kwartaal had gemeld. De omzet groeide vooral in de Verenigde Staten, waar de keten de afgelopen jaren fors heeft geïnvesteerd in online bezorging."},
	{"nl/unemployment", "nl", "De werkloosheid in Nederland is in oktober licht gestegen naar 3,7 procent van de beroepsbevolking, meldt het statistiekbureau. Vooral onder jongeren nam het aantal werklozen toe."},
	{"id/telecom-dividend", "id", "Saham emiten telekomunikasi itu melonjak 5 persen setelah perusahaan mengumumkan rencana pembagian dividen yang lebih tinggi dari tahun sebelumnya. Analis menilai kinerja perusahaan akan tetap solid didukung oleh pertumbuhan layanan data."},
	{"id/inflation", "id", "Inflasi tahunan Indonesia pada bulan Oktober tercatat sebesar 2,5 persen, lebih rendah dari bulan sebelumnya, menurut data Badan Pusat Statistik. Penurunan harga pangan menjadi faktor utama yang menekan laju inflasi."},
	{"vi/bank-dividend", "vi", "Cổ phiếu của ngân hàng này tăng trần sau khi ban lãnh đạo công bố kế hoạch chia cổ tức bằng tiền mặt với tỷ lệ cao nhất từ trước đến nay. Giới phân tích cho rằng lợi nhuận của ngân hàng sẽ tiếp tục tăng trưởng tốt trong năm tới."},
	{"vi/cpi", "vi", "Chỉ số giá tiêu dùng tháng 10 tăng 2,9% so với cùng kỳ năm trước, theo số liệu của Tổng cục Thống kê. Giá lương thực và nhà ở là những yếu tố chính đẩy lạm phát lên."},
	{"ru/retailer-dividend", "ru", "Акции крупнейшего ритейлера выросли на 6% после того, как компания объявила о выплате специальных дивидендов. Аналитики считают, что сильные финансовые результаты позволят ей сохранить высокие выплаты акционерам и в следующем году."},
	{"ru/inflation", "ru", "Годовая инфляция в октябре замедлилась до 7,5%, сообщила статистическая служба. Экономисты ожидают, что это позволит центральному банку начать снижение ставки уже в начале следующего года."},
}

// langEdgeCases are texts DetectLanguage must not guess at: too short,
// mixed, or in a Latin-script language it does not know.
var langEdgeCases = []langCase{
	{"empty", "", ""},
	{"three words", "", "Stocks rose today"},
	{"numbers only", "", "12.5% 1,234 +0.8 19,870.25"},
	{"four Han characters", "", "股市上涨"},
	{"tickers", "", "HSBC AIA BYD CATL SMIC"},
	{"English and French halves", "", langCorpus[0].text + " " + langCorpus[6].text},
	{"English and Chinese halves", "", "Hong Kong stocks closed higher on Tuesday as investors piled into technology shares. " +
		"香港股市周二收高，恒生指数上涨，科技股领涨。分析师表示，投资者预期升温。"},
	{"Swedish", "", "Stockholmsbörsen steg på tisdagen efter att flera storbolag redovisat bättre resultat än väntat. Bankaktierna gick starkt och industriföretagen följde efter, medan fastighetsbolagen backade något. Enligt analytiker har investerarna blivit mer optimistiska om att Riksbanken kommer att sänka räntan igen under hösten."},
	{"Polish", "", "Warszawska giełda zakończyła wtorkową sesję wzrostami, a indeks WIG20 zyskał 1,3 procent. Inwestorzy kupowali akcje banków i spółek energetycznych po tym, jak kilka dużych firm opublikowało lepsze od oczekiwań wyniki kwartalne. Analitycy spodziewają się, że bank centralny nie zmieni stóp procentowych do końca roku."},
	{"Turkish", "", "Borsa İstanbul salı gününü yükselişle tamamladı ve BIST 100 endeksi yüzde 1,4 artışla 9.850 puana çıktı. Bankacılık hisselerindeki güçlü alımlar endeksi desteklerken, yatırımcılar merkez bankasının faiz kararını bekliyor. Analistler enflasyonun önümüzdeki aylarda yavaşlamasını beklediklerini söyledi."},
}

func TestDetectLanguage(t *testing.T) {
	for _, tt := range append(langCorpus[:len(langCorpus):len(langCorpus)], langEdgeCases...) {
		t.Run(tt.name, func(t *testing.T) {
			tag, conf := DetectLanguage(tt.text)
			if tag != tt.want {
				t.Errorf("DetectLanguage = %q (%.2f), want %q", tag, conf, tt.want)
			}
			switch {
			case conf < 0 || conf > 1:
				t.Errorf("confidence %v out of [0,1]", conf)
			case tag == "" && conf != 0:
				t.Errorf("confidence %v with no tag, want 0", conf)
			case tag != "" && conf < 0.5:
				t.Errorf("confidence %.2f for %q, want 0.5 or more on a whole paragraph", conf, tag)
			}
		})
	}
}

// TestDetectLanguageCorpusSize checks that the accuracy set keeps at least
// five paragraphs for every language DetectLanguage returns.
func TestDetectLanguageCorpusSize(t *testing.T) {
	n := map[string]int{}
	for _, c := range langCorpus {
		n[c.want]++
	}
	for _, tag := range append(stopwordTags[:], "zh-Hans", "zh-Hant", "ja", "ko") {
		if n[tag] < 5 {
			t.Errorf("%s: %d paragraphs, want 5 or more", tag, n[tag])
		}
	}
}

func TestDetectLanguageZh(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// No character of the variant table: Chinese, script unknown.
		{"no telling characters", "香港股市周二收高，恒生上升，科技股上升。", "zh"},
		{"one each", "香港股市周二收高，恒生指數上升，中国科技股上升。", "zh"},
		{"simplified", "香港股市周二收高，恒生指数上升，科技股领涨。", "zh-Hans"},
		{"traditional", "香港股市周二收高，恒生指數上升，科技股領漲。", "zh-Hant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tag, conf := DetectLanguage(tt.text); tag != tt.want {
				t.Errorf("DetectLanguage = %q (%.2f), want %q", tag, conf, tt.want)
			}
		})
	}
}

func TestHanVariantPairs(t *testing.T) {
	if n := utf8.RuneCountInString(hanVariantPairs); n%2 != 0 {
		t.Fatalf("hanVariantPairs has %d characters, want pairs", n)
	}
	seen := map[rune]bool{}
	rs := []rune(hanVariantPairs)
	for i := 0; i < len(rs); i += 2 {
		s, tr := rs[i], rs[i+1]
		if s == tr {
			t.Errorf("pair %c%c: same character", s, tr)
		}
		for _, r := range []rune{s, tr} {
			if seen[r] {
				t.Errorf("%c listed twice", r)
			}
			seen[r] = true
		}
	}
	if n := len(rs) / 2; n < 60 {
		t.Errorf("%d pairs, want 60 or more", n)
	}
}

// benchArticle is a news article of about 4 KB.
var benchArticle = strings.TrimSpace(`
Hong Kong stocks rise as chipmakers rally on AI demand

Hong Kong stocks closed higher on Tuesday, extending gains into a third session, as investors piled into chipmakers and internet platforms after a string of upbeat earnings reports and fresh signs that policymakers in Beijing are prepared to do more to support growth.

The Hang Seng Index rose 1.4 percent to 19,870.25 points, its highest close in five weeks, while the Hang Seng Tech Index jumped 2.3 percent. Turnover on the main board climbed to HK$142 billion, well above the three-month average, according to exchange data.

Semiconductor shares led the advance. A mainland foundry gained 6.8 percent after it said capacity utilisation had returned to above 90 percent in the third quarter, and a chip designer added 5.1 percent after winning an order from a domestic server maker. Traders said the moves reflected growing confidence that demand for artificial intelligence hardware would remain strong into next year, even as export restrictions limit access to the most advanced tools.

Internet platforms also gained. An e-commerce group rose 3.2 percent ahead of its quarterly results on Thursday, and a food delivery operator climbed 2.7 percent after a brokerage raised its price target, citing improving margins and a slower pace of subsidy spending. A gaming company ended 1.9 percent higher after regulators approved a new batch of titles.

Property developers, which have lagged the market for most of the year, were mixed. One large developer fell 4.5 percent after it said contracted sales in October dropped by a third from a year earlier, while a state-backed rival edged up 0.8 percent on hopes that more cities would ease purchase restrictions. Analysts said the sector would need clearer evidence of stabilising home prices before investors returned in size.

Insurers and banks offered support. A major life insurer rose 2.1 percent after reporting a double-digit increase in new business value for the first nine months, and the city's largest lender added 1.2 percent. Higher interest rates have lifted lending margins for banks this year, although some analysts warned that the benefit would fade if the Federal Reserve cuts rates faster than expected.

"The market is finally getting the combination it wanted, which is decent earnings and a policy backdrop that is no longer getting worse," said a strategist at a regional brokerage in Hong Kong. "That does not mean the road ahead is smooth, but it is enough to bring some of the money back that left earlier in the year."

Not every sector joined the rally. Oil producers slipped after crude prices fell overnight on a larger than expected build in U.S. inventories, and a coal miner dropped 3.4 percent after cutting its full-year production target because of safety inspections. Carmakers were also weaker, with an electric vehicle maker down 2.2 percent as a price war in the mainland market showed few signs of easing.

On the mainland, the benchmark Shanghai Composite Index closed up 0.9 percent and the blue-chip CSI 300 gained 1.1 percent. The yuan was little changed against the dollar. Investors are now looking ahead to a meeting of top lawmakers later this month, which could approve additional government borrowing to fund infrastructure projects and help local governments manage their debts.

Elsewhere in Asia, Japan's Nikkei average rose 0.7 percent and South Korea's KOSPI added 0.5 percent, while Australian shares were flat. U.S. stock futures pointed to a slightly higher open on Wall Street.

Market breadth was positive, with advancing stocks outnumbering decliners by roughly two to one on the main board. Short-selling turnover fell to 14 percent of the total, the lowest proportion in a month, a sign that some bearish positions were being closed. Southbound investors from the mainland bought a net HK$6.3 billion of Hong Kong shares through the stock connect programmes, the most in two weeks.
`)

func BenchmarkDetectLanguage(b *testing.B) {
	b.SetBytes(int64(len(benchArticle)))
	b.ReportAllocs()
	for b.Loop() {
		if tag, _ := DetectLanguage(benchArticle); tag != "en" {
			b.Fatalf("DetectLanguage = %q, want en", tag)
		}
	}
}

func ExampleDetectLanguage() {
	for _, text := range []string{
		"Hong Kong stocks closed higher on Tuesday as investors piled into technology shares after a string of upbeat earnings reports.",
		"港股周二造好，恒生指數上升1.4%，收報19870點，科技股領漲。",
		"Stocks rose today",
	} {
		tag, conf := DetectLanguage(text)
		fmt.Printf("%q %.1f\n", tag, conf)
	}
	// Output:
	// "en" 1.0
	// "zh-Hant" 1.0
	// "" 0.0
}
