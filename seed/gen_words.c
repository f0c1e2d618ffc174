#include "seed/gen_words.h"

#include "seed/gen_model.h"

/* clang-format off */
#define W(a) { a, WORDS_N(a) }

static const char *const tr_male[] = {
	"Ahmet", "Mehmet", "Mustafa", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman",
	"Yusuf", "Murat", "Ömer", "Ramazan", "Halil", "Süleyman", "Abdullah", "Mahmut", "Recep",
	"Salih", "Fatih", "Kadir", "Emre", "Burak", "Serkan", "Oğuz", "Çağatay", "Şükrü", "Gökhan",
	"Tolga", "Barış", "Uğur", "Doğan", "Cem", "Kerem", "Eren", "Onur", "Görkem", "Ümit",
	"Tuğrul", "Çetin", "Ilgaz", "Şahin", "Erdem", "Alperen", "Yiğit",
};
static const char *const tr_female[] = {
	"Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra",
	"Sultan", "Hanife", "Merve", "Özlem", "Gülşen", "Çağla", "Büşra", "Esra", "Gizem", "Ebru",
	"Dilek", "Şeyma", "Tuğba", "Öykü", "İrem", "Gülay", "Nurşen", "Şule", "Yağmur", "Ilgın",
	"Ecem", "Sevgi", "Derya", "Pınar", "Aslı", "Selin", "Damla", "Ezgi", "Hülya", "Nazlı",
	"Gönül", "Işıl", "Gülizar", "Çiğdem", "Süheyla", "Ümran",
};
static const char *const tr_family[] = {
	"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
	"Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan",
	"Şimşek", "Polat", "Özer", "Güneş", "Erdoğan", "Aktaş", "Bulut", "Keskin", "Ünal", "Türk",
	"Işık", "Çağlar", "Güler", "Acar", "Tekin", "Sarı", "Kalkan", "Uçar", "Gündüz", "Aksoy",
	"Özgür", "Ateş", "Bozkurt", "Karaca", "Ekinci", "Sönmez", "Çakır", "Coşkun", "Duman",
	"Tuncer", "Erdem", "Gök", "Ağaoğlu", "Küçük", "Büyükşahin", "İnce", "Uysal", "Dağ",
	"Oğuz", "Çiftçi", "Şen",
};
static const char *const hu_male[] = {
	"Árpád", "László", "István", "József", "Zoltán", "Sándor", "Gábor", "Ferenc", "Attila",
	"Péter", "Tamás", "Zsolt", "Tibor", "András", "Csaba", "Imre", "Lajos", "György",
	"Balázs", "Gergő", "Dávid", "Bence", "Levente", "Ádám", "Márton", "Ödön", "Bálint",
	"Dániel", "Botond", "Kristóf", "Miklós", "Szabolcs", "Géza", "Ákos", "Örs",
};
static const char *const hu_female[] = {
	"Erzsébet", "Katalin", "Éva", "Ilona", "Anna", "Zsuzsanna", "Mária", "Judit", "Ágnes",
	"Andrea", "Krisztina", "Erika", "Tünde", "Zsófia", "Réka", "Eszter", "Dóra", "Nóra",
	"Boglárka", "Petra", "Lili", "Hanna", "Emese", "Orsolya", "Gyöngyi", "Enikő", "Csilla",
	"Ildikó", "Anikó", "Kinga", "Vivien", "Szilvia", "Márta", "Ibolya", "Bernadett",
};
static const char *const hu_family[] = {
	"Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh",
	"Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon",
	"Rácz", "Fekete", "Szilágyi", "Török", "Fehér", "Balázs", "Gál", "Kis", "Szűcs",
	"Kocsis", "Pintér", "Fodor", "Szalai", "Sipos", "Magyar", "Lukács", "Gulyás", "Bíró",
	"Király", "Katona", "Jakab", "Boros", "Fazekas", "Kelemen", "Antal", "Orosz", "Somogyi",
	"Fülöp", "Veres", "Vincze", "Hegedűs", "Deák", "Illés", "Vass", "Szőke", "Fábián",
	"Vörös", "Lengyel", "Bognár", "Halász", "Jónás", "Kozma", "Székely", "Gáspár", "Pásztor",
	"Dudás", "Orbán", "Virág", "Barna", "Novák", "Soós", "Nemes", "Pataki", "Tűzoltó",
	"Győri", "Ördög", "Csősz",
};

const struct words words_given_male[LANG_N] = { W(tr_male), W(hu_male) };
const struct words words_given_female[LANG_N] = { W(tr_female), W(hu_female) };
const struct words words_family[LANG_N] = { W(tr_family), W(hu_family) };

/* Reserved names (RFC 2606, RFC 6761) that still look like mail providers: no
 * generated address can ever reach a real person. */
static const char *const tr_domains[] = {
	"example.com", "mail.example", "posta.example", "example.net", "eposta.example",
	"example.org",
};
static const char *const hu_domains[] = {
	"freemail.example", "citromail.example", "example.com", "levelezo.example",
	"example.net", "example.org",
};
const struct words words_mail_domain[LANG_N] = { W(tr_domains), W(hu_domains) };

static const struct city tr_cities[] = {
	{ "İstanbul", "Kadıköy", "34710", 40 }, { "İstanbul", "Beşiktaş", "34353", 25 },
	{ "İstanbul", "Üsküdar", "34660", 30 }, { "İstanbul", "Şişli", "34360", 25 },
	{ "İstanbul", "Bakırköy", "34142", 20 }, { "İstanbul", "Ataşehir", "34750", 25 },
	{ "İstanbul", "Beylikdüzü", "34520", 20 }, { "İstanbul", "Sarıyer", "34450", 15 },
	{ "İstanbul", "Fatih", "34122", 20 }, { "İstanbul", "Pendik", "34890", 25 },
	{ "Ankara", "Çankaya", "06690", 40 }, { "Ankara", "Keçiören", "06280", 25 },
	{ "Ankara", "Yenimahalle", "06170", 20 }, { "Ankara", "Etimesgut", "06790", 15 },
	{ "İzmir", "Karşıyaka", "35530", 25 }, { "İzmir", "Bornova", "35040", 25 },
	{ "İzmir", "Konak", "35250", 20 }, { "İzmir", "Buca", "35390", 15 },
	{ "Bursa", "Nilüfer", "16110", 25 }, { "Bursa", "Osmangazi", "16040", 20 },
	{ "Antalya", "Muratpaşa", "07100", 20 }, { "Antalya", "Konyaaltı", "07070", 15 },
	{ "Adana", "Seyhan", "01120", 20 }, { "Konya", "Selçuklu", "42060", 20 },
	{ "Gaziantep", "Şahinbey", "27010", 20 }, { "Eskişehir", "Tepebaşı", "26130", 12 },
	{ "Kayseri", "Melikgazi", "38030", 12 }, { "Trabzon", "Ortahisar", "61030", 10 },
	{ "Samsun", "Atakum", "55200", 10 }, { "Muğla", "Bodrum", "48400", 8 },
	{ "Diyarbakır", "Kayapınar", "21070", 12 }, { "Çanakkale", "Merkez", "17100", 6 },
	{ "Denizli", "Pamukkale", "20070", 8 }, { "Mersin", "Yenişehir", "33110", 12 },
	{ "Şanlıurfa", "Haliliye", "63050", 10 }, { "Erzurum", "Yakutiye", "25030", 7 },
	{ "Ağrı", "Merkez", "04100", 3 }, { "Iğdır", "Merkez", "76000", 2 },
};
static const struct city hu_cities[] = {
	{ "Budapest", "V. kerület", "1052", 30 }, { "Budapest", "VI. kerület", "1061", 30 },
	{ "Budapest", "VII. kerület", "1073", 30 }, { "Budapest", "VIII. kerület", "1082", 25 },
	{ "Budapest", "IX. kerület", "1092", 25 }, { "Budapest", "XI. kerület", "1113", 35 },
	{ "Budapest", "XII. kerület", "1122", 20 }, { "Budapest", "XIII. kerület", "1134", 35 },
	{ "Budapest", "II. kerület", "1027", 25 }, { "Budapest", "III. kerület", "1037", 30 },
	{ "Budapest", "XIV. kerület", "1145", 30 }, { "Budapest", "I. kerület", "1011", 10 },
	{ "Debrecen", NULL, "4024", 30 }, { "Debrecen", NULL, "4032", 15 },
	{ "Szeged", NULL, "6720", 25 }, { "Szeged", NULL, "6724", 12 },
	{ "Pécs", NULL, "7621", 25 }, { "Győr", NULL, "9021", 20 }, { "Miskolc", NULL, "3525", 20 },
	{ "Nyíregyháza", NULL, "4400", 18 }, { "Kecskemét", NULL, "6000", 16 },
	{ "Székesfehérvár", NULL, "8000", 16 }, { "Szombathely", NULL, "9700", 12 },
	{ "Eger", NULL, "3300", 10 }, { "Sopron", NULL, "9400", 10 }, { "Veszprém", NULL, "8200", 10 },
	{ "Zalaegerszeg", NULL, "8900", 8 }, { "Érd", NULL, "2030", 10 }, { "Gödöllő", NULL, "2100", 6 },
	{ "Siófok", NULL, "8600", 5 }, { "Hódmezővásárhely", NULL, "6800", 6 },
};
const struct city *const words_city[LANG_N] = { tr_cities, hu_cities };
const size_t words_ncity[LANG_N] = { WORDS_N(tr_cities), WORDS_N(hu_cities) };

static const char *const tr_streets[] = {
	"Bağdat Cd.", "Atatürk Blv.", "İstiklal Cd.", "Cumhuriyet Cd.", "Gazi Blv.", "Menekşe Sk.",
	"Lale Sk.", "Gül Sk.", "Papatya Sk.", "Çınar Sk.", "Akasya Sk.", "Söğüt Sk.", "Ihlamur Sk.",
	"Nergis Sk.", "Begonya Sk.", "1203. Sk.", "5412. Sk.", "Şehit Mehmet Çavuş Sk.",
	"Fevzi Çakmak Cd.", "İnönü Cd.", "Kâzım Karabekir Cd.", "Mimar Sinan Cd.", "Yeşilırmak Sk.",
	"Gökçe Sk.", "Ördek Sk.",
};
static const char *const hu_streets[] = {
	"Váci utca", "Andrássy út", "Kossuth Lajos utca", "Petőfi Sándor utca", "Rákóczi út",
	"Széchenyi tér", "Dózsa György út", "Bajcsy-Zsilinszky út", "Arany János utca",
	"Jókai Mór utca", "Ady Endre utca", "Deák Ferenc tér", "Fő utca", "Hunyadi János utca",
	"Szent István körút", "Béke utca", "Tavasz utca", "Kölcsey Ferenc utca", "Vörösmarty utca",
	"Wesselényi utca", "Üllői út", "Ős utca", "Szőlő utca", "Bartók Béla út",
};
const struct words words_street[LANG_N] = { W(tr_streets), W(hu_streets) };

static const char *const quarters[] = {
	"Cumhuriyet Mah.", "Atatürk Mah.", "Yenişehir Mah.", "Bahçelievler Mah.", "Fatih Mah.",
	"Gazi Osman Paşa Mah.", "İnönü Mah.", "Çamlıca Mah.", "Güzelyalı Mah.", "Esentepe Mah.",
	"Şirinevler Mah.", "Barbaros Mah.", "Kocatepe Mah.", "Zafer Mah.", "Yıldız Mah.",
	"Caferağa Mah.", "Namık Kemal Mah.", "Çiftlik Mah.", "Mevlana Mah.", "Ömerli Mah.",
};
const struct words words_quarter = W(quarters);

const struct category words_category[] = {
	{ "KUP", "Kupa", 4990, 34990, { 2000, 2700 }, 0 },
	{ "TAB", "Tabak Seti", 19990, 149990, { 2000, 2700 }, 0 },
	{ "BAR", "Bardak Seti", 9990, 69990, { 2000, 2700 }, 0 },
	{ "CAY", "Çaydanlık", 29990, 249990, { 2000, 2700 }, 24 },
	{ "TAV", "Tava", 24990, 199990, { 2000, 2700 }, 24 },
	{ "TEN", "Tencere Seti", 59990, 899990, { 2000, 2700 }, 24 },
	{ "BIC", "Bıçak Seti", 19990, 299990, { 2000, 2700 }, 12 },
	{ "HAV", "Havlu", 7990, 59990, { 1000, 2700 }, 0 },
	{ "NEV", "Nevresim Takımı", 39990, 249990, { 1000, 2700 }, 0 },
	{ "YAS", "Yastık", 14990, 99990, { 1000, 2700 }, 0 },
	{ "BTN", "Battaniye", 29990, 199990, { 1000, 2700 }, 0 },
	{ "HAL", "Halı", 99990, 1499990, { 2000, 2700 }, 0 },
	{ "LAM", "Masa Lambası", 29990, 249990, { 2000, 2700 }, 24 },
	{ "SAA", "Duvar Saati", 19990, 149990, { 2000, 2700 }, 24 },
	{ "VAZ", "Vazo", 9990, 99990, { 2000, 2700 }, 0 },
	{ "MUM", "Kokulu Mum", 4990, 39990, { 2000, 2700 }, 0 },
	{ "KIT", "Yemek Kitabı", 9990, 59990, { 0, 500 }, 0 },
	{ "SRT", "Sırt Çantası", 29990, 399990, { 2000, 2700 }, 24 },
	{ "CUZ", "Cüzdan", 14990, 199990, { 2000, 2700 }, 12 },
	{ "TER", "Terlik", 9990, 59990, { 1000, 2700 }, 0 },
	{ "COR", "Çorap Paketi", 3990, 29990, { 1000, 2700 }, 0 },
	{ "KAH", "Kahve Makinesi", 199990, 2499990, { 2000, 2700 }, 24 },
	{ "KUL", "Kulaklık", 49990, 899990, { 2000, 2700 }, 24 },
	{ "SRJ", "Şarj Aleti", 19990, 149990, { 2000, 2700 }, 24 },
	{ "OYN", "Ahşap Oyuncak", 14990, 149990, { 2000, 2700 }, 0 },
};
const size_t words_ncategory = WORDS_N(words_category);

static const char *const product_adj[] = {
	"Porselen", "El Yapımı", "Bambu", "Seramik", "Pamuklu", "Ahşap", "Çelik", "Minimal",
	"Bohem", "Klasik", "Retro", "Organik", "Katlanır", "Lüks", "Mini", "Kadife", "Mat",
	"Cam", "Keten", "Döküm",
};
const struct words words_product_adj = W(product_adj);

static const char *const product_variant[] = {
	"Beyaz", "Siyah", "Antrasit", "Krem", "Lacivert", "Turkuaz", "Hardal", "Bordo",
	"Pudra", "Yeşil", "Gri", "Toprak", "350 ml", "Büyük Boy", "Küçük Boy", "2'li", "4'lü",
	"6'lı", "Çift Kişilik", "Tek Kişilik",
};
const struct words words_product_variant = W(product_variant);

/* Subjects and opening messages per ticket category, in the order of the
 * tickets.category check in 0001_foundation.sql. */
const char *const words_ticket_subject[][LANG_N][2] = {
	/* where-is-my-order */
	{ { "Kargom nerede?", "Siparişim hâlâ gelmedi" },
	  { "Hol van a csomagom?", "Még nem érkezett meg a rendelésem" } },
	/* delay */
	{ { "Sipariş neden gönderilmedi?", "Teslimat gecikti" },
	  { "Miért nem küldték még el?", "Késik a szállítás" } },
	/* damaged */
	{ { "Ürün kırık geldi", "Paket hasarlı teslim edildi" },
	  { "Törötten érkezett a termék", "Sérült csomagot kaptam" } },
	/* wrong-item */
	{ { "Yanlış ürün gönderilmiş", "Siparişimde eksik ürün var" },
	  { "Rossz terméket küldtek", "Hiányzik egy termék a csomagból" } },
	/* not-as-described */
	{ { "Ürün açıklamadaki gibi değil", "Renk fotoğraftakinden farklı" },
	  { "A termék nem olyan, mint a leírásban", "Más a színe, mint a képen" } },
	/* return */
	{ { "İade etmek istiyorum", "Bir ürünü iade etmek istiyorum" },
	  { "Szeretném visszaküldeni", "Egy terméket visszaküldenék" } },
	/* refund */
	{ { "İadem ne zaman yatacak?", "Para iadesi hâlâ gelmedi" },
	  { "Mikor kapom vissza a pénzem?", "Még nem jött meg a visszatérítés" } },
	/* shipping-fee */
	{ { "Ücretsiz kargo olduğu halde kargo ücreti alındı", "Kargo ücreti iadesi" },
	  { "Ingyenes szállítás, mégis felszámolták", "Szállítási díj visszatérítése" } },
	/* warranty */
	{ { "Ürün garanti kapsamında arızalandı", "Garanti başvurusu" },
	  { "Garanciális hiba", "Garanciális igény" } },
	/* technical */
	{ { "Siteye giriş yapamıyorum", "Uygulama hata veriyor" },
	  { "Nem tudok belépni az oldalra", "Hibát jelez az alkalmazás" } },
	/* payment */
	{ { "Kartımdan iki kez çekim yapıldı", "Ödeme onaylanmadı" },
	  { "Kétszer terhelték a kártyámat", "Nem ment át a fizetés" } },
	/* cancellation */
	{ { "Siparişimi iptal etmek istiyorum", "İptal talebi" },
	  { "Szeretném lemondani a rendelést", "Rendelés lemondása" } },
	/* address-change */
	{ { "Teslimat adresimi değiştirmek istiyorum", "Adres değişikliği" },
	  { "Módosítanám a szállítási címet", "Címváltozás" } },
	/* complaint */
	{ { "Kurye çok kaba davrandı", "Hizmetten memnun değilim" },
	  { "Udvariatlan volt a futár", "Elégedetlen vagyok a szolgáltatással" } },
	/* suggestion */
	{ { "Öneri: hediye paketi seçeneği", "Öneri: kapıda ödeme" },
	  { "Javaslat: ajándékcsomagolás", "Javaslat: utánvét" } },
	/* praise */
	{ { "Çok hızlı teslimat, teşekkürler!", "Harika ürün" },
	  { "Nagyon gyors szállítás, köszönöm!", "Remek termék" } },
	/* other */
	{ { "Fatura talebi", "Bilgi almak istiyorum" },
	  { "Számlát szeretnék kérni", "Információt kérnék" } },
};

const char *const words_ticket_first[][LANG_N] = {
	{ "Merhaba, siparişim kargoya verildi görünüyor ama hâlâ elime ulaşmadı. Nerede olduğunu "
	  "öğrenebilir miyim?",
	  "Jó napot! A rendelésemet elvileg feladták, de még nem kaptam meg. Hol tart?" },
	{ "Siparişim iki gün içinde kargoya verilecekti ama hâlâ hazırlanıyor görünüyor.",
	  "Két napon belül kellett volna feladni, de még mindig feldolgozás alatt áll." },
	{ "Paket elime ulaştı ama kupalardan biri kırık çıktı. Fotoğrafını ekledim.",
	  "Megjött a csomag, de az egyik termék eltört. Csatoltam fotót." },
	{ "Sipariş ettiğim ürün yerine başka bir ürün geldi.",
	  "Nem azt a terméket kaptam, amit rendeltem." },
	{ "Ürünün rengi ve boyutu sitedeki açıklamadan farklı.",
	  "A termék színe és mérete eltér a leírástól." },
	{ "Siparişimdeki bir ürünü iade etmek istiyorum, nasıl yapabilirim?",
	  "Egy terméket szeretnék visszaküldeni, hogyan tehetem meg?" },
	{ "İade ettiğim ürünün parası hesabıma hâlâ yatmadı.",
	  "A visszaküldött termék árát még nem kaptam vissza." },
	{ "Sipariş ücretsiz kargo kapsamındaydı ama kargo ücreti de tahsil edilmiş.",
	  "Ingyenes szállítás járt volna, mégis felszámoltak szállítási díjat." },
	{ "Aldığım ürün garanti süresi içinde çalışmaz hale geldi.",
	  "A termék a garanciaidőn belül elromlott." },
	{ "Hesabıma giriş yaparken sürekli hata alıyorum.",
	  "Bejelentkezéskor folyamatosan hibaüzenetet kapok." },
	{ "Ödeme sırasında kartımdan iki kez çekim yapıldı.",
	  "A fizetésnél kétszer vonták le az összeget." },
	{ "Siparişimi kargoya verilmeden iptal etmek istiyorum.",
	  "Szeretném lemondani a rendelést, mielőtt feladják." },
	{ "Teslimat adresim değişti, yeni adresime gönderebilir misiniz?",
	  "Megváltozott a címem, az újra tudnák küldeni?" },
	{ "Kurye paketi kapıya bırakıp gitti, zil bile çalmadı.",
	  "A futár be sem csengetett, csak otthagyta a csomagot." },
	{ "Ürünler için hediye paketi seçeneği olsa çok güzel olur.",
	  "Jó lenne, ha lehetne ajándékcsomagolást kérni." },
	{ "Siparişim ertesi gün geldi, çok teşekkür ederim!",
	  "Másnapra megérkezett a rendelés, köszönöm szépen!" },
	{ "Siparişim için kurumsal fatura alabilir miyim?",
	  "Kaphatnék céges számlát a rendelésemről?" },
};

static const char *const tr_replies[] = {
	"Merhaba, bilgi için teşekkürler. Konuyu inceliyoruz, en kısa sürede dönüş yapacağız.",
	"Merhaba, kargo firmasıyla görüştük; paketiniz 1-2 iş günü içinde teslim edilecek.",
	"Yaşadığınız sorun için özür dileriz. İade sürecinizi başlattık.",
	"Talebiniz tamamlandı. Başka bir konuda yardımcı olabilir miyiz?",
	"Gecikme için özür dileriz; telafi olarak hesabınıza bir hediye kodu tanımladık.",
	"Ücret iadeniz bankanıza bağlı olarak 3-7 iş günü içinde hesabınıza yansıyacaktır.",
};
static const char *const hu_replies[] = {
	"Jó napot! Köszönjük a jelzést, utánanézünk és hamarosan jelentkezünk.",
	"Felvettük a kapcsolatot a futárszolgálattal, a csomag 1-2 munkanapon belül megérkezik.",
	"Elnézést kérünk a kellemetlenségért, elindítottuk a visszaküldést.",
	"A kérését teljesítettük. Segíthetünk még valamiben?",
	"Elnézést a késésért, kárpótlásként ajándékkódot küldtünk.",
	"A visszatérítés a bankjától függően 3-7 munkanapon belül jelenik meg a számláján.",
};
const struct words words_reply[LANG_N] = { W(tr_replies), W(hu_replies) };
/* where, delay, damaged, wrong item, not as described, return, refund, shipping fee,
 * warranty, technical, payment, cancellation, address, complaint, suggestion,
 * praise, other */
const unsigned char words_reply_for[] = { 1, 0, 2, 2, 2, 2, 5, 5, 2, 0, 5, 3, 3, 0, 3, 3, 0 };

static const char *const tr_followups[] = {
	"Teşekkürler, bekliyorum.", "Hâlâ bir gelişme yok, yardımcı olur musunuz?",
	"Tamam, anlaşıldı.", "Fotoğrafları ekledim.", "Sorun çözüldü, teşekkür ederim.",
};
static const char *const hu_followups[] = {
	"Köszönöm, várom.", "Még mindig nincs változás, tudnának segíteni?", "Rendben, értem.",
	"Csatoltam a fotókat.", "Megoldódott, köszönöm.",
};
const struct words words_customer_followup[LANG_N] = { W(tr_followups), W(hu_followups) };

static const char *const tr_notes[] = {
	"Kargo firmasına şikâyet kaydı açıldı.", "Müşteri geri aranacak.",
	"Depoya paketin tekrar kontrolü için yazıldı.", "Süpervizör onayı bekleniyor.",
};
static const char *const hu_notes[] = {
	"Futárszolgálatnál reklamáció indítva.", "Visszahívjuk az ügyfelet.",
	"A raktár újra ellenőrzi a csomagot.", "Felettesi jóváhagyásra vár.",
};
const struct words words_note[LANG_N] = { W(tr_notes), W(hu_notes) };

static const char *const cancel_reasons[] = {
	"customer changed their mind", "ordered by mistake", "payment not received in time",
	"item out of stock", "found a better price", "duplicate order", "address outside delivery area",
};
const struct words words_cancel_reason = W(cancel_reasons);

static const char *const tr_return_reasons[] = {
	"Beden/ölçü uymadı", "Ürün hasarlı geldi", "Vazgeçtim", "Yanlış ürün gönderildi",
	"Ürün açıklamadaki gibi değil", "Ürün arızalı",
};
static const char *const hu_return_reasons[] = {
	"Nem megfelelő a méret", "Sérülten érkezett", "Meggondoltam magam", "Rossz terméket kaptam",
	"Nem olyan, mint a leírásban", "Hibás a termék",
};
const struct words words_return_reason[LANG_N] = { W(tr_return_reasons), W(hu_return_reasons) };
/* gen_return_reason_code gives each of them its code. */
_Static_assert(sizeof tr_return_reasons / sizeof *tr_return_reasons == GEN_RETURN_REASONS &&
		       sizeof hu_return_reasons / sizeof *hu_return_reasons == GEN_RETURN_REASONS,
	       "one reason code per return reason");

static const char *const inspection_notes[] = {
	"Unopened, back to stock.", "Used but in good condition.", "Box damaged, item fine.",
	"Item broken in transit.", "One item missing from the parcel.", "Defect confirmed.",
};
const struct words words_inspection_note = W(inspection_notes);

static const char *const rejection_reasons[] = {
	"Requested after the return window closed.", "The item shows signs of heavy use.",
	"Personal care items cannot be returned once opened.",
};
const struct words words_rejection_reason = W(rejection_reasons);

static const char *const goodwill_reasons[] = {
	"late shipment", "parcel delayed by the carrier", "damaged packaging",
	"apology for the inconvenience",
};
const struct words words_goodwill_reason = W(goodwill_reasons);
/* clang-format on */
